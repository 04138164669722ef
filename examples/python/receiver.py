"""A response endpoint for the Messaging API, in Python 3.9+ with Flask.

It verifies each delivery's signature (Standard Webhooks, with the standard library's hmac), drops the
deliveries it already had (by webhook-id), and answers the user through the webhook URL with urllib.

    pip install -r requirements.txt
    WEBHOOK_URL=…  TOKEN=…  SIGNING_SECRET=whsec_…  PORT=3000  python receiver.py

Its endpoint is http://127.0.0.1:$PORT/botpress/replies: set it as the Response Endpoint URL.
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

from flask import Flask, request

WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "")
TOKEN = os.environ.get("TOKEN", "")
SIGNING_SECRET = os.environ.get("SIGNING_SECRET", "")
PORT = int(os.environ.get("PORT", "3000"))
if not (WEBHOOK_URL and TOKEN and SIGNING_SECRET.startswith("whsec_")):
    sys.exit("Set WEBHOOK_URL, TOKEN and SIGNING_SECRET (whsec_…), and PORT (default 3000).")

PATH = "/botpress/replies"
# Who the replies of this receiver are written as: your back-end's id for the user.
USER_ID = "example-receiver"
# Standard Webhooks refuses timestamps further off than this, so a captured delivery cannot be replayed later.
TOLERANCE_SECONDS = 5 * 60
# A delivery may come again after an answer that was lost: remember its id for longer than retries last.
DEDUPE_SECONDS = 10 * 60

KEY = base64.b64decode(SIGNING_SECRET[len("whsec_"):])
seen = {}  # webhook-id -> when it was first processed
answered = set()  # conversations this receiver has answered
lock = threading.Lock()  # Flask serves requests on several threads

app = Flask(__name__)


def as_json(value):
    """JSON on one line, as it came."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class InvalidDelivery(Exception):
    pass


def verify(headers, body):
    """The delivery, once its signature and timestamp are right; raises InvalidDelivery otherwise."""
    webhook_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (webhook_id and timestamp and signatures):
        raise InvalidDelivery("missing webhook-id, webhook-timestamp or webhook-signature")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise InvalidDelivery("timestamp too far from now")
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    # The header may carry several signatures, "v1,<base64>" each, separated by spaces.
    for signature in signatures.split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise InvalidDelivery("no matching signature")


def is_new(webhook_id):
    """True the first time an id is seen within DEDUPE_SECONDS."""
    now = time.time()
    with lock:
        for old in [i for i, at in seen.items() if now - at > DEDUPE_SECONDS]:
            del seen[old]
        if webhook_id in seen:
            return False
        seen[webhook_id] = now
        return True


def send_to_bot(conversation_id, text, message_id):
    """Sends a user message to the bot. Its messageId comes from the delivery, so a retry never writes it twice."""
    body = {"userId": USER_ID, "messageId": message_id, "conversationId": conversation_id, "type": "text", "text": text}
    sent = urllib.request.Request(
        WEBHOOK_URL,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"bearer {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(sent, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    print(f"{conversation_id} → {as_json(text)}: {status}", flush=True)


def handle(webhook_id, delivery):
    """What your back-end does with a delivery; here, it answers each conversation's first text once."""
    if delivery["type"] == "ping":
        print("connection check received", flush=True)
        return
    if delivery["type"] == "event":
        print(f'{delivery["conversationId"]} ← event {delivery["name"]} {as_json(delivery["payload"])}', flush=True)
        return
    conversation_id, kind, payload = delivery["conversationId"], delivery["type"], delivery["payload"]
    print(f"{conversation_id} ← {kind} {as_json(payload)}", flush=True)
    # Answering every message would never end with a bot that answers every message (the demo bot echoes).
    with lock:
        if kind != "text" or conversation_id in answered:
            return
        answered.add(conversation_id)
    send_to_bot(conversation_id, f'Thanks! The receiver got "{payload["text"]}"', f"reply-to-{webhook_id}")


@app.post(PATH)
def replies():
    body = request.get_data()  # the raw bytes: the signature covers them exactly
    try:
        delivery = verify(request.headers, body)
    except InvalidDelivery as error:
        print(f"refused a delivery: {error}", flush=True)
        return "", 400
    webhook_id = request.headers["webhook-id"]
    if not is_new(webhook_id):
        print(f"duplicate {webhook_id}: already processed", flush=True)
        return "", 204
    # Answer first: the integration waits for this answer, and the reply is a request of its own.
    threading.Thread(target=handle, args=(webhook_id, delivery), daemon=True).start()
    return "", 204


if __name__ == "__main__":
    print(f"Listening on http://127.0.0.1:{PORT}{PATH}", flush=True)
    app.run(host="127.0.0.1", port=PORT)
