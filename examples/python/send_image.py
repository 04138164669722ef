"""Sends an image the back-end holds as bytes to the bot, in Python 3.9+ with the standard library only.

Three requests: an upload URL from the webhook (POST /files), the bytes PUT straight to Botpress Files with
the headers the answer gives, then an ordinary image message with the file's url. Prints the message's id
and the file's url.

    WEBHOOK_URL=…  TOKEN=…  python send_image.py photo.png
"""

import json
import mimetypes
import os
import sys
import urllib.request
import uuid

WEBHOOK_URL = os.environ.get("WEBHOOK_URL", "")
TOKEN = os.environ.get("TOKEN", "")
if not (WEBHOOK_URL and TOKEN and len(sys.argv) == 2):
    sys.exit("Set WEBHOOK_URL and TOKEN, and name the image: python send_image.py photo.png")


def post(path: str, body: dict) -> dict:
    request = urllib.request.Request(
        WEBHOOK_URL + path,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"bearer {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


path = sys.argv[1]
with open(path, "rb") as file:
    data = file.read()
name = os.path.basename(path)
content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"

upload = post("/files", {"name": name, "contentType": content_type, "size": len(data)})
put = urllib.request.Request(upload["uploadUrl"], data=data, headers=upload["uploadHeaders"], method="PUT")
urllib.request.urlopen(put, timeout=60).close()

message = {
    "userId": "user-123",
    "messageId": str(uuid.uuid4()),
    "conversationId": os.environ.get("CONVERSATION_ID", "chat-42"),
    "type": "image",
    "text": name,
    "payload": {"imageUrl": upload["url"]},
}
sent = post("", message)
print(f"sent {sent['message']['id']} with {upload['url']}")
