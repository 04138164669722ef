#!/usr/bin/env bash
# The feed loop of hub.md ("Without an endpoint"), the same lines (a test holds them equal). Needs curl and jq,
# and WEBHOOK_URL and PERSONAL_ACCESS_TOKEN in the environment; keeps its place in ./cursor.txt.
while :; do
  rm -f headers.txt
  after=$(jq -rn --arg c "$(cat cursor.txt 2>/dev/null)" '$c | @uri')
  status=$(curl -s -o page.json -D headers.txt -w '%{http_code}' -H "Prefer: wait=25" --max-time 30 \
    -H "Authorization: bearer $PERSONAL_ACCESS_TOKEN" "$WEBHOOK_URL/messages${after:+?after=$after}")
  case $status in
    200) jq -c '.messages[]' page.json   # process each message here, then save the cursor
         jq -r '.cursor' page.json > cursor.txt ;;
    429|5??|000) wait=$(grep -i '^retry-after:' headers.txt | tr -dc 0-9); sleep "${wait:-5}" ;;
    *) cat page.json; exit 1 ;;   # a request to fix: the error says what
  esac
done
