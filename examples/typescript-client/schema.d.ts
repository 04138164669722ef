// Generated from openapi.yaml by `npm run gen:openapi`: do not edit.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a user's message to the bot
         * @description Writes the message to Botpress (finding or creating the user and the conversation by your ids)
         *     and answers once it is there. The bot's replies arrive at your Response Endpoint URL; with
         *     `Prefer: wait=<seconds>` the answer also carries them.
         *
         *     Resending the same `messageId` never creates a second message: it is how you retry safely. The
         *     answer then says `duplicate: true`, with the first message. The same `messageId` with other
         *     content is refused (`409 message_id_reused`).
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a custom event to the bot
         * @description Creates a Botpress event of type `custom` (the bot sees `messaging-api:custom`) whose payload is
         *     `{ name, payload }`, linked to the user and the conversation, found or created as for messages.
         *
         *     With an `eventId` already sent in the same conversation within 24 hours (the 500 most recent of each
         *     conversation are remembered), nothing is created: the answer carries the first event's id and
         *     `duplicate: true`.
         */
        post: operations["sendEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a URL to upload a file to, for an image, audio, video or file message
         * @description For a file your back-end holds as bytes (a photo from an MMS, a voice note, a PDF): creates it in
         *     Botpress Files with one Botpress call, and answers where to `PUT` the bytes (`uploadUrl`, with
         *     `uploadHeaders`) and the file's `url`. Once uploaded, send an ordinary `image`, `audio`, `video` or
         *     `file` message with that `url`. The bytes never pass through the webhook.
         *
         *     The file is public to anyone with its `url`, counts against the workspace's file storage, and is
         *     deleted at `expiresAt` (after `expiresInDays`, 30 by default, at most 90). Upload at once: the
         *     upload URL is valid for a short time only, and the upload must be exactly the declared `size`, with
         *     `uploadHeaders`. Each request makes a new file: one never uploaded still counts until it expires.
         */
        post: operations["requestFileUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the bot's messages, in one conversation or in all of them (catching up, or polling)
         * @description The bot's messages in your conversation, oldest first, each in exactly the envelope a delivery
         *     carries. Keep the `cursor` of your last read and read from it when you come back; dedupe by
         *     `botpressMessageId` (it equals a delivery's `webhook-id`). A read writes nothing in Botpress.
         *
         *     **The feed.** Without `conversationId`, the bot's messages in every conversation of this integration
         *     (each names your `conversationId`), including those the bot starts itself, and never a message of the
         *     bot's other channels (webchat, other integrations): how a back-end without a Response Endpoint URL
         *     gets every message. The integration tags each bot message of its channel as the bot sends it, and the
         *     feed lists by that tag, so its cost follows this integration's messages, whatever else the bot does.
         *     History from before version 1.2 has no tag: a feed read from the start, or from a cursor or message
         *     id of then, walks every message of the bot through it (looking up each conversation it meets, within
         *     the same 20 calls, 3 of which are kept for those lookups), then goes on by tag. `after=now` skips
         *     history: it answers `messages: []` and a cursor at the newest message.
         *
         *     **Long polling.** With `Prefer: wait=<seconds>` (at most 25), a read after which nothing follows yet
         *     waits: it answers as soon as a bot message comes, or when the wait runs out with `messages: []`,
         *     `hasMore: false` and the `cursor` to read on from. A bot message handed to the instance holding the
         *     wait answers it at once (within a few milliseconds); one handed to another instance is found by the
         *     instance's shared poll within 4 s. The wait makes no call after its first read: the shared poll makes
         *     one call every 4 s for all the waits of a bot on an instance. A wait whose client went away still runs
         *     to its end: use an HTTP timeout of the wait plus 5 s.
         *
         *     A read makes at most 20 Botpress calls, whatever the history holds (quiet months, bursts, thousands
         *     of your users' messages): when they run out, it answers what it has with `hasMore: true` and a
         *     `cursor` past everything it went through, so a loop of reads always moves on and ends. Looping
         *     until `hasMore` is `false` gives every bot message exactly once, oldest first.
         *
         *     Botpress orders messages by `createdAt`, in milliseconds, and may list a message a little after it.
         *     Each read looks again at the last 5 s before it (the cursor names what it returned there), so a
         *     message Botpress lists up to 5 s late still comes, once; it then comes after newer ones already
         *     returned. Messages that share a millisecond are taken in the order Botpress lists them, assumed the
         *     same on every read; a read moves on unless more than 80 messages share one millisecond.
         *
         *     Unknown query parameters are ignored, as unknown body fields are.
         */
        get: operations["readMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the bot's messages your endpoint missed
         * @description The bot messages whose delivery finally failed (every attempt, or an answer that is not retried),
         *     oldest first, each in the envelope its delivery carried, with when it failed and why. The
         *     integration marks such a message in Botpress when its retries end (one Botpress call, only for a
         *     failure), so any instance lists it, and the list costs calls in proportion to the failures. A
         *     delivery cut off before it could mark itself (Botpress's 60 s, a crash) is not listed: catching up
         *     by cursor stays the guarantee.
         *
         *     A message is marked up to 25 s after its `createdAt`: `cursor` pages through one listing, and a read
         *     from the start lists every failure marked by then. At most 20 Botpress calls a read.
         */
        get: operations["listFailedDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deliveries/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver bot messages again, such as those your endpoint missed
         * @description Delivers each message once more through the same path as its first attempts: the same body and the
         *     same `webhook-id` (drop it if you already have it), a fresh signature, your Delivery Headers, the
         *     address filter and the Delivery Timeout. One attempt each, oldest first and one after another (so they
         *     arrive in order), all within this request's 40 s: a message whose whole Delivery Timeout no longer fits
         *     is `not_attempted`, to send again. A message delivered leaves the failed list; one that fails again stays with its new
         *     `failedAt` and `reason`.
         *
         *     Only a message listed as failed is sent again (`not_failed` otherwise): a receiver may have forgotten
         *     the `webhook-id` of one it got long ago. One whose first attempts reached you with the answer lost
         *     comes again with the same `webhook-id`. Costs one Botpress call per id, and one more per attempt (the
         *     mark it clears or renews).
         */
        post: operations["redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, in YAML
         * @description This OpenAPI document, as the installed version of the integration ships it. No token is needed: point
         *     a client generator or an API tool at `{webhook URL}/openapi.yaml`.
         */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, in JSON
         * @description The same document as `/openapi.yaml`, as JSON. No token is needed.
         */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    message: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A message the bot sent
         * @description One POST per bot message, to your Response Endpoint URL (without one, nothing is sent: read the
         *     feed instead), with the headers of every delivery and
         *     any Delivery Headers you configured (for example `X-Api-Key`). Verify the signature against the raw
         *     body, then answer `2xx`. A delivery may arrive twice: keep the `webhook-id`s you processed for a few
         *     minutes and answer `2xx` without processing again.
         */
        post: operations["deliverMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A custom event the bot sent (its `sendEvent` action)
         * @description Delivered like messages (signed, retried, with your Delivery Headers); `webhook-id` is `evt_…`. An
         *     event is not stored like a message: without a Response Endpoint URL, the bot's `sendEvent` fails with
         *     an error that says so.
         */
        post: operations["deliverEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    connectionCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The connection check sent when the configuration is saved
         * @description POSTed once, signed and with your Delivery Headers like every delivery, when the bot owner saves the
         *     configuration with a Response Endpoint URL (without one, there is nothing to check); `webhook-id` is
         *     `ping_…`. Saving fails with the reason unless it is answered `2xx`. It is tried once, never retried.
         *     Answer it `2xx` and otherwise ignore it.
         */
        post: operations["checkConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description An id of your back-end's. */
        CallerId: string;
        /**
         * @description The 12 message types, which both you and the bot may send.
         * @enum {string}
         */
        MessageType: "text" | "markdown" | "image" | "audio" | "video" | "file" | "location" | "card" | "carousel" | "dropdown" | "choice" | "bloc";
        /**
         * @description One user message. `type` is one of the 12 message types, whose `payload` has the fields of its type
         *     and no others (for `text` it may be omitted, and extra fields are kept), or a type of your own (any
         *     other string), which reaches the bot as a `text` message with your `type` and `payload` beside the
         *     text (`payload.originalType`, `payload.originalPayload`). One object per message type, and one for a
         *     type of your own; other fields are ignored.
         */
        SendMessageRequest: ({
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "text";
            text: components["schemas"]["MessageText"];
            payload?: components["schemas"]["InboundTextPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "markdown";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["MarkdownPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "image";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundImagePayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "audio";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundAudioPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "video";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundVideoPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "file";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundFilePayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "location";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["LocationPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "card";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundCardPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "carousel";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundCarouselPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "dropdown";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["DropdownPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "choice";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["ChoicePayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        } | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @constant */
            type: "bloc";
            text: components["schemas"]["MessageText"];
            payload: components["schemas"]["InboundBlocPayload"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        }) | {
            userId: components["schemas"]["UserId"];
            messageId: components["schemas"]["MessageId"];
            conversationId: components["schemas"]["ConversationId"];
            /** @description Your own type, any string but the 12 message types. */
            type: string;
            text: components["schemas"]["MessageText"];
            /** @description Any JSON value (or none), kept unchanged. */
            payload?: unknown;
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        };
        /** @description Your id for the user who wrote the message. The same id always maps to the same Botpress user. */
        UserId: components["schemas"]["CallerId"];
        /** @description Your id for this message, unique for the bot (a UUID is ideal). Resending it never creates a second message. */
        MessageId: components["schemas"]["CallerId"];
        /** @description Your id for the conversation. Every reply carries it back. */
        ConversationId: components["schemas"]["CallerId"];
        /** @description The user's text for `text`; a short summary of the payload for other types; what the bot reads for a type of your own. */
        MessageText: string;
        /** @description One custom event for the bot. */
        SendEventRequest: {
            /** @description As for messages; the user is found or created the same way. */
            userId: components["schemas"]["CallerId"];
            /** @description As for messages. */
            conversationId: components["schemas"]["CallerId"];
            /** @description Your event's name (`order shipped`, `page opened`…). */
            name: string;
            /** @description Any JSON object. */
            payload: {
                [key: string]: unknown;
            };
            /** @description Your id for this event. Sent again in the same conversation within 24 hours, it creates nothing. */
            eventId?: components["schemas"]["CallerId"];
            userName?: components["schemas"]["UserName"];
            userPictureUrl?: components["schemas"]["UserPictureUrl"];
        };
        /** @description The user's display name, set on the Botpress user when it is created or differs. */
        UserName: string;
        /**
         * @description An http(s) URL of the user's picture, set on the Botpress user when it is created or differs:
         *     `http://` or `https://` (in any case), a host, then no whitespace. Whitespace around it is ignored.
         */
        UserPictureUrl: string;
        FileRequest: {
            /** @description A label for the file (kept in its tags), never a path; printable text. */
            name: string;
            /** @description The file's MIME type, served with it. */
            contentType: string;
            /** @description The exact size of the bytes you will upload. */
            size: number;
            /** @description How long Botpress keeps the file; 30 when absent. */
            expiresInDays?: number;
        };
        FileUpload: {
            /** @description The file's URL, public once uploaded: send it as `imageUrl`, `audioUrl`, `videoUrl` or `fileUrl`. */
            url: string;
            /** @description Where to `PUT` the bytes, at once (it is valid for a short time only). */
            uploadUrl: string;
            /** @description The headers to send with the `PUT`. */
            uploadHeaders: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @description When Botpress deletes the file.
             */
            expiresAt: string;
        };
        /** @description The answer without `Prefer`; the Botpress records the message belongs to. */
        MessageAnswer: {
            message: components["schemas"]["BotpressMessage"];
            user: components["schemas"]["BotpressUser"];
            conversation: components["schemas"]["BotpressConversation"];
            duplicate: components["schemas"]["Duplicate"];
        };
        /**
         * @description `true`: this `messageId` was written by an earlier request; this one wrote nothing, and the bot did
         *     not get the message again. `false`: this request wrote it, as far as Botpress shows: the integration
         *     tells by a tag it writes on the message, which Botpress is taken to keep when it finds the message
         *     again (it does not document that).
         */
        Duplicate: boolean;
        /**
         * @description The answer with `Prefer: wait`: the records, plus the bot's replies to this message, oldest first.
         *
         *     Botpress records no link from a reply to the message it answers. A reply is counted as this
         *     message's when the bot wrote it after this message, while it handled nothing else of the
         *     conversation. The wait reads the conversation's events (what Botpress handed the bot: each user
         *     message, each custom event) just before writing the message and once the bot is done. When
         *     something else ran at the same time (a second message the user typed while the bot was still at
         *     the first, an event from your back-end, a scheduled event), the replies written from then on cannot
         *     be told apart: `replies` holds those written before, `complete` is `false` and `incompleteReason`
         *     is `overlap`; read the rest with `GET /messages?after=<cursor>`. A resend is judged as the first
         *     request was, by what that request saw before writing (kept on the message). A message first sent
         *     without a wait is judged by its time in the history, with the event before it taken as possibly
         *     running if it began less than 60 s before. Botpress records no author for a bot message: a handler
         *     of another conversation that writes into this one during the turn shows as this turn's reply.
         *
         *     Calls to Botpress, at most 14 in all: 2 before writing (1 in a new conversation), the write, the
         *     bot's status read 0.25 s after the message, then every 3 s (every 6 s past 12 s) and 0.1 s and
         *     0.4 s after each reply the bot sends through the instance that waits, then one messages read and
         *     one events read (one more per 20 messages or events). That is 7 to 10 for a bot done within 10 s.
         */
        WaitedMessageAnswer: {
            message: components["schemas"]["BotpressMessage"];
            user: components["schemas"]["BotpressUser"];
            conversation: components["schemas"]["BotpressConversation"];
            duplicate: components["schemas"]["Duplicate"];
            /**
             * @description Replies to this message only, each in exactly the envelope your endpoint receives. They are
             *     delivered there too.
             */
            replies: components["schemas"]["MessageDelivery"][];
            /**
             * @description `true`: the bot has finished with this message and `replies` is everything it answered to it.
             *     `false`: `replies` may be only a part; `incompleteReason` says why.
             */
            complete: boolean;
            /**
             * @description Only when `complete` is `false`. `wait_expired`: the bot was still at it when the wait ended
             *     (later replies still reach your endpoint). `overlap`: something else of the conversation ran
             *     while the bot handled this message. `no_status`: Botpress gave no status for the message (the
             *     `silence` rule). `out_of_reach`: too much happened after this message (a resend of an old one)
             *     for a wait to read its turn.
             * @enum {string}
             */
            incompleteReason?: "wait_expired" | "overlap" | "no_status" | "out_of_reach";
            /**
             * @description What ended the wait: `status`, the bot's own status for the message in Botpress; `silence`, the
             *     fallback when Botpress gives no status for a second (a quiet second after the last reply).
             * @enum {string}
             */
            waitRule: "status" | "silence";
            /**
             * @description Once the bot's status for this message settled (even with `complete: false`): how the bot's
             *     handling of it ended.
             * @enum {string}
             */
            outcome?: "processed" | "failed" | "ignored" | "canceled";
            /** @description With `outcome: failed`: why, as Botpress reports it (`null` when it gives none). */
            failureReason?: string | null;
            /**
             * @description Where to read on with `GET /messages?after=<cursor>`: the last reply's `botpressMessageId`, or
             *     this message's id when there is none.
             */
            cursor: string;
        };
        EventAnswer: {
            event: components["schemas"]["BotpressEvent"];
            user: components["schemas"]["BotpressUser"];
            conversation: components["schemas"]["BotpressConversation"];
            /** @constant */
            duplicate: false;
        } | {
            /** @description The first event's id. */
            event: {
                id: string;
            };
            user: components["schemas"]["BotpressUser"];
            conversation: components["schemas"]["BotpressConversation"];
            /** @constant */
            duplicate: true;
        };
        MessagesPage: {
            /** @description The bot's messages, oldest first, each exactly as a delivery carries it. */
            messages: components["schemas"]["MessageDelivery"][];
            /** @description More messages may follow; read again with `after` = `cursor`. `false`, you have them all. */
            hasMore: boolean;
            /**
             * @description Where to read on: pass it as `after` next time. Opaque, up to 256 characters; it carries its time
             *     and never depends on a message, so deleting messages never spoils it. Not `null` since 1.2 (a
             *     client should still accept `null`, and then read again without `after`).
             */
            cursor: string | null;
        };
        RedeliverRequest: {
            /** @description The bot messages to deliver again, such as the `botpressMessageId`s of the failed list. */
            botpressMessageIds: string[];
        };
        RedeliveryResults: {
            results: components["schemas"]["Redelivery"][];
        };
        Redelivery: {
            botpressMessageId: string;
            /**
             * @description - `delivered`: your endpoint answered `2xx`; the message leaves the failed list.
             *     - `failed`: it did not; `reason` says why (the message stays listed, or is listed now).
             *     - `not_attempted`: the request ran out of time before this one: send it again.
             *     - `not_failed`: its delivery did not fail, so it is not sent again (read it from `GET /messages`).
             *     - `not_found`: not a bot message of this integration that Botpress has.
             * @enum {string}
             */
            status: "delivered" | "failed" | "not_attempted" | "not_failed" | "not_found";
            /** @description Why, for a status other than `delivered` (or a `delivered` message still listed). */
            reason?: string;
        };
        FailedDeliveriesPage: {
            /** @description The bot messages whose delivery failed, oldest first. */
            deliveries: components["schemas"]["FailedDelivery"][];
            /** @description More may follow; read again with `after` = `cursor`. */
            hasMore: boolean;
            /** @description Where to read on, as `after`. Opaque, up to 256 characters. */
            cursor: string;
        };
        /** @description A bot message's delivery envelope, with when its delivery failed and why. */
        FailedDelivery: {
            type: components["schemas"]["MessageType"];
            payload: Record<string, never>;
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
            /**
             * Format: date-time
             * @description When the delivery failed.
             */
            failedAt: string;
            /** @description Why, naming the endpoint by host only (the last status, a timeout or a connection error). */
            reason: string;
        };
        Error: {
            error: {
                /** @description Stable; what went wrong. */
                code: string;
                /** @description Says what to fix, for a person. */
                message: string;
                issues?: components["schemas"]["FieldIssues"];
            };
        };
        /**
         * @description For `invalid_body` and `invalid_query`, each invalid field; for `message_id_reused`, what differs
         *     from the first message. Only these codes have `issues`.
         */
        FieldIssues: components["schemas"]["FieldIssue"][];
        FieldIssue: {
            /** @description The field's path, such as `payload.imageUrl` (`(body)` for the body itself). */
            path: string;
            message: string;
        };
        BadBodyCode: {
            error?: {
                /** @enum {unknown} */
                code?: "invalid_json" | "invalid_body" | "rejected_by_botpress";
            } & {
                [key: string]: unknown;
            };
        };
        BadQueryCode: {
            error?: {
                /** @enum {unknown} */
                code?: "invalid_query" | "unknown_after" | "after_message_gone" | "rejected_by_botpress";
            } & {
                [key: string]: unknown;
            };
        };
        UnauthorizedCode: {
            error?: {
                /** @enum {unknown} */
                code?: "missing_authorization" | "malformed_authorization" | "invalid_token";
            } & {
                [key: string]: unknown;
            };
        };
        NotFoundCode: {
            error?: {
                /** @constant */
                code?: "not_found";
            } & {
                [key: string]: unknown;
            };
        };
        MethodNotAllowedCode: {
            error?: {
                /** @constant */
                code?: "method_not_allowed";
            } & {
                [key: string]: unknown;
            };
        };
        MessageConflictCode: {
            error?: {
                /** @enum {unknown} */
                code?: "message_id_conflict" | "message_id_reused" | "rejected_by_botpress";
            } & {
                [key: string]: unknown;
            };
        };
        BotpressConflictCode: {
            error?: {
                /** @constant */
                code?: "rejected_by_botpress";
            } & {
                [key: string]: unknown;
            };
        };
        NotConfiguredCode: {
            error?: {
                /** @constant */
                code?: "delivery_not_configured";
            } & {
                [key: string]: unknown;
            };
        };
        BodyTooLargeCode: {
            error?: {
                /** @constant */
                code?: "body_too_large";
            } & {
                [key: string]: unknown;
            };
        };
        FileTooLargeCode: {
            error?: {
                /** @enum {unknown} */
                code?: "file_too_large" | "body_too_large";
            } & {
                [key: string]: unknown;
            };
        };
        RateLimitedCode: {
            error?: {
                /** @constant */
                code?: "rate_limited";
            } & {
                [key: string]: unknown;
            };
        };
        InternalErrorCode: {
            error?: {
                /** @constant */
                code?: "internal_error";
            } & {
                [key: string]: unknown;
            };
        };
        BotpressFailedCode: {
            error?: {
                /** @enum {unknown} */
                code?: "botpress_error" | "botpress_unreachable";
            } & {
                [key: string]: unknown;
            };
        };
        /**
         * @description A message the bot sent: the body POSTed to your endpoint, each item of `replies` in a waited answer,
         *     and each item of a read. The same message always has the same JSON. One object per message type, each
         *     with the payload of its type and these fields only.
         */
        MessageDelivery: {
            /** @constant */
            type: "text";
            payload: components["schemas"]["TextPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "markdown";
            payload: components["schemas"]["MarkdownPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "image";
            payload: components["schemas"]["ImagePayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "audio";
            payload: components["schemas"]["AudioPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "video";
            payload: components["schemas"]["VideoPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "file";
            payload: components["schemas"]["FilePayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "location";
            payload: components["schemas"]["LocationPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "card";
            payload: components["schemas"]["CardPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "carousel";
            payload: components["schemas"]["CarouselPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "dropdown";
            payload: components["schemas"]["DropdownPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "choice";
            payload: components["schemas"]["ChoicePayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        } | {
            /** @constant */
            type: "bloc";
            payload: components["schemas"]["BlocPayload"];
            conversationId: components["schemas"]["DeliveryConversationId"];
            botpressUserId: components["schemas"]["DeliveryBotpressUserId"];
            botpressMessageId: components["schemas"]["DeliveryBotpressMessageId"];
            botpressConversationId: components["schemas"]["DeliveryBotpressConversationId"];
            createdAt: components["schemas"]["DeliveryCreatedAt"];
        };
        /** @description Your own conversation id, as you sent it. Route the reply with it. */
        DeliveryConversationId: string;
        /** @description The Botpress id of the sender (the bot). */
        DeliveryBotpressUserId: string;
        /** @description The Botpress id of this message; the delivery's `webhook-id`. Dedupe by it. */
        DeliveryBotpressMessageId: string;
        /** @description The Botpress id of the conversation. */
        DeliveryBotpressConversationId: string;
        /**
         * Format: date-time
         * @description When the bot sent the message; sort by it when order matters.
         */
        DeliveryCreatedAt: string;
        /** @description A custom event the bot sent with the integration's `sendEvent` action. */
        EventDelivery: {
            /** @constant */
            type: "event";
            /** @description The event's name, as the bot chose it. */
            name: string;
            /** @description The event's data, as the bot sent it. */
            payload: {
                [key: string]: unknown;
            };
            /** @description Your own conversation id. */
            conversationId: string;
            /** @description The Botpress id of the conversation. */
            botpressConversationId: string;
            /**
             * Format: date-time
             * @description When the event was sent.
             */
            createdAt: string;
        };
        /** @description An OpenAPI 3.1 document (this one). */
        OpenApiDocument: {
            openapi: string;
            info: {
                [key: string]: unknown;
            };
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        ConnectionCheck: {
            /** @constant */
            type: "ping";
            payload: {
                /** @constant */
                message: "Messaging API connection check: answer 2xx. Ignore deliveries whose type is \"ping\".";
            };
        };
        NonEmptyString: string;
        /**
         * @description `text`, and any other fields (from you, they are kept). A message of a type of your own reaches the
         *     bot with `originalType` and `originalPayload` beside the text.
         */
        TextPayload: {
            text: components["schemas"]["NonEmptyString"];
            /** @description Set when your back-end sent a type of its own (such as `quick_reply`). */
            originalType?: string;
            /** @description With `originalType`, the payload your back-end sent, unchanged. */
            originalPayload?: unknown;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Like `TextPayload`, but `text` may be omitted (the top-level `text` is used), and so may the payload.
         *     When given, it must equal the top-level `text` (`400 invalid_body` naming `payload.text` otherwise).
         */
        InboundTextPayload: {
            text?: components["schemas"]["NonEmptyString"];
        } & {
            [key: string]: unknown;
        };
        MarkdownPayload: {
            markdown: components["schemas"]["NonEmptyString"];
        };
        ImagePayload: {
            imageUrl: components["schemas"]["NonEmptyString"];
        };
        AudioPayload: {
            audioUrl: components["schemas"]["NonEmptyString"];
        };
        VideoPayload: {
            videoUrl: components["schemas"]["NonEmptyString"];
        };
        FilePayload: {
            fileUrl: components["schemas"]["NonEmptyString"];
            title?: components["schemas"]["NonEmptyString"];
        };
        LocationPayload: {
            latitude: number;
            longitude: number;
            address?: string;
            title?: string;
        };
        CardPayload: {
            title: components["schemas"]["NonEmptyString"];
            subtitle?: components["schemas"]["NonEmptyString"];
            imageUrl?: components["schemas"]["NonEmptyString"];
            actions: components["schemas"]["CardAction"][];
        };
        CardAction: {
            /**
             * @description `postback` sends `value` back to the bot, `url` opens it, `say` says it.
             * @enum {string}
             */
            action: "postback" | "url" | "say";
            label: components["schemas"]["NonEmptyString"];
            value: components["schemas"]["NonEmptyString"];
        };
        CarouselPayload: {
            items: components["schemas"]["CardPayload"][];
        };
        DropdownPayload: components["schemas"]["OptionsPayload"];
        ChoicePayload: components["schemas"]["OptionsPayload"];
        /** @description A question and the options offered. Send what the user picked as a `text` message whose text is the option's `value`. */
        OptionsPayload: {
            text: components["schemas"]["NonEmptyString"];
            options: {
                label: components["schemas"]["NonEmptyString"];
                value: components["schemas"]["NonEmptyString"];
            }[];
        };
        /** @description Several messages in one, of the types text, markdown, image, audio, video, file and location. */
        BlocPayload: {
            items: components["schemas"]["BlocItem"][];
        };
        BlocItem: {
            /** @constant */
            type: "text";
            /** @description Only `text` in a bloc. */
            payload: {
                text: components["schemas"]["NonEmptyString"];
            };
        } | {
            /** @constant */
            type: "markdown";
            payload: components["schemas"]["MarkdownPayload"];
        } | {
            /** @constant */
            type: "image";
            payload: components["schemas"]["ImagePayload"];
        } | {
            /** @constant */
            type: "audio";
            payload: components["schemas"]["AudioPayload"];
        } | {
            /** @constant */
            type: "video";
            payload: components["schemas"]["VideoPayload"];
        } | {
            /** @constant */
            type: "file";
            payload: components["schemas"]["FilePayload"];
        } | {
            /** @constant */
            type: "location";
            payload: components["schemas"]["LocationPayload"];
        };
        /**
         * @description A URL the bot and its channels may open, in a message you send: http(s) only (`http://` or
         *     `https://` in any case, a host, then no whitespace); another scheme (`file:`, `data:`,
         *     `javascript:`…) is refused with `400 invalid_body` naming the field.
         */
        MediaUrl: string;
        InboundImagePayload: {
            imageUrl: components["schemas"]["MediaUrl"];
        };
        InboundAudioPayload: {
            audioUrl: components["schemas"]["MediaUrl"];
        };
        InboundVideoPayload: {
            videoUrl: components["schemas"]["MediaUrl"];
        };
        InboundFilePayload: {
            fileUrl: components["schemas"]["MediaUrl"];
            title?: components["schemas"]["NonEmptyString"];
        };
        InboundCardPayload: {
            title: components["schemas"]["NonEmptyString"];
            subtitle?: components["schemas"]["NonEmptyString"];
            imageUrl?: components["schemas"]["MediaUrl"];
            actions: components["schemas"]["InboundCardAction"][];
        };
        InboundCardAction: {
            /**
             * @description `postback` sends `value` back to the bot, `url` opens it, `say` says it.
             * @enum {string}
             */
            action: "postback" | "url" | "say";
            label: components["schemas"]["NonEmptyString"];
            value: components["schemas"]["NonEmptyString"];
        };
        InboundCarouselPayload: {
            items: components["schemas"]["InboundCardPayload"][];
        };
        /** @description Several messages in one, of the types text, markdown, image, audio, video, file and location. */
        InboundBlocPayload: {
            items: components["schemas"]["InboundBlocItem"][];
        };
        InboundBlocItem: {
            /** @constant */
            type: "text";
            /** @description Only `text` in a bloc. */
            payload: {
                text: components["schemas"]["NonEmptyString"];
            };
        } | {
            /** @constant */
            type: "markdown";
            payload: components["schemas"]["MarkdownPayload"];
        } | {
            /** @constant */
            type: "image";
            payload: components["schemas"]["InboundImagePayload"];
        } | {
            /** @constant */
            type: "audio";
            payload: components["schemas"]["InboundAudioPayload"];
        } | {
            /** @constant */
            type: "video";
            payload: components["schemas"]["InboundVideoPayload"];
        } | {
            /** @constant */
            type: "file";
            payload: components["schemas"]["InboundFilePayload"];
        } | {
            /** @constant */
            type: "location";
            payload: components["schemas"]["LocationPayload"];
        };
        /** @description A Botpress id, such as `msg_01J…`. */
        BotpressId: string;
        BotpressTags: {
            [key: string]: string;
        };
        /** @description Botpress's record of your message (its `Message`). Its tag `id` is your `messageId`. */
        BotpressMessage: {
            id: components["schemas"]["BotpressId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The type written to Botpress (`text` for a type of your own). */
            type: string;
            /** @description The payload written to Botpress. */
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            direction: "incoming" | "outgoing";
            userId: components["schemas"]["BotpressId"];
            conversationId: components["schemas"]["BotpressId"];
            tags: components["schemas"]["BotpressTags"];
            /** @enum {string} */
            origin?: "synthetic";
        };
        /** @description Botpress's record of the user (its `User`). Its tag `id` is your `userId`. */
        BotpressUser: {
            id: components["schemas"]["BotpressId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            tags: components["schemas"]["BotpressTags"];
            /** @description Your `userName`. */
            name?: string;
            /** @description Your `userPictureUrl`. */
            pictureUrl?: string;
        };
        /** @description Botpress's record of the conversation (its `Conversation`). Its tag `id` is your `conversationId`. */
        BotpressConversation: {
            id: components["schemas"]["BotpressId"];
            currentTaskId?: components["schemas"]["BotpressId"];
            currentWorkflowId?: components["schemas"]["BotpressId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            channel: string;
            integration: string;
            tags: components["schemas"]["BotpressTags"];
        };
        /** @description Botpress's record of the event (its `Event`), of type `custom` with the payload `{ name, payload }`. */
        BotpressEvent: {
            id: components["schemas"]["BotpressId"];
            /** Format: date-time */
            createdAt: string;
            type: string;
            payload: {
                [key: string]: unknown;
            };
            conversationId?: components["schemas"]["BotpressId"];
            userId?: components["schemas"]["BotpressId"];
            messageId?: components["schemas"]["BotpressId"];
            /** @enum {string} */
            status: "pending" | "processed" | "ignored" | "failed" | "scheduled" | "canceled";
            failureReason: string | null;
        };
    };
    responses: {
        /**
         * @description - `invalid_json`: the body is empty or not JSON.
         *     - `invalid_body`: a field is missing, empty, too long or of the wrong type; the payload does not fit
         *       its type, or has a field its type lacks; or the body nests deeper than 32 levels. `issues` names each
         *       field (`(body)` for the depth).
         *     - `rejected_by_botpress`: Botpress refused the request; the message quotes its reason.
         */
        BadBody: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "invalid_body",
                 *         "message": "The request body is invalid: payload.imageUrl is required.",
                 *         "issues": [
                 *           {
                 *             "path": "payload.imageUrl",
                 *             "message": "payload.imageUrl is required"
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"] & components["schemas"]["BadBodyCode"];
            };
        };
        /**
         * @description - `invalid_query`: `conversationId` is empty or too long, `after` is empty or too long, `limit` is
         *       not a whole number from 1 to 100, or a parameter is given twice. `issues` names each parameter.
         *     - `unknown_after`: `after` is not a cursor, `now` or a message of this conversation (for the feed, of
         *       this bot).
         *     - `after_message_gone`: `after` is a message id, and Botpress no longer has that message (deleted).
         *       Read on with `after=now`, or omit `after`. A cursor never needs its message: this happens only to a
         *       message id (and to cursors of versions before 1.2 at the newest message, which were one).
         *     - `rejected_by_botpress`: Botpress refused the read; the message quotes its reason.
         */
        BadQuery: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["BadQueryCode"];
            };
        };
        /**
         * @description - `missing_authorization`: no `Authorization` header.
         *     - `malformed_authorization`: the header is not `bearer <token>`.
         *     - `invalid_token`: Botpress rejected the token (or it is not the Inbound Shared Secret).
         */
        Unauthorized: {
            headers: {
                /** @description `Bearer`, when the header is missing or malformed. */
                "WWW-Authenticate"?: "Bearer";
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["UnauthorizedCode"];
            };
        };
        /**
         * @description `not_found`: nothing is served at this path under the webhook URL, Botpress does not know the bot, or
         *     (for a read) no conversation has this `conversationId`.
         */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["NotFoundCode"];
            };
        };
        /** @description `method_not_allowed`: this path is served for another method, which `Allow` names. */
        MethodNotAllowed: {
            headers: {
                /** @description The one method this path serves. */
                Allow: "POST" | "GET";
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["MethodNotAllowedCode"];
            };
        };
        /**
         * @description - `message_id_conflict`: this `messageId` was already used by another user or conversation.
         *     - `message_id_reused`: this `messageId` was already used for other content; `issues` names what
         *       differs (`type`, `text` or `payload`). The first message is kept, unchanged.
         *     - `rejected_by_botpress`: Botpress reported a conflict; the message quotes it.
         */
        MessageConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["MessageConflictCode"];
            };
        };
        /** @description `rejected_by_botpress`: Botpress reported a conflict; the message quotes it. */
        BotpressConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["BotpressConflictCode"];
            };
        };
        /**
         * @description `delivery_not_configured`: a message listed as failed is to be sent again, but the bot owner set no
         *     Response Endpoint URL (removed since).
         */
        NotConfigured: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["NotConfiguredCode"];
            };
        };
        /** @description `body_too_large`: the body is over 128,000 bytes. */
        BodyTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["BodyTooLargeCode"];
            };
        };
        /**
         * @description - `file_too_large`: the declared `size` is over 52,428,800 bytes (50 MiB);
         *     - `body_too_large`: the body is over 128,000 bytes.
         */
        FileTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["FileTooLargeCode"];
            };
        };
        /** @description `rate_limited`: Botpress is rate limiting the bot. Retry after `Retry-After` seconds, with the same ids. */
        RateLimited: {
            headers: {
                /** @description Seconds to wait before retrying, as Botpress gave them (its `Retry-After` or `RateLimit-Reset`); 1 when it gave none. */
                "Retry-After": string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["RateLimitedCode"];
            };
        };
        /** @description `internal_error`: the integration failed unexpectedly. Retry with the same ids. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["InternalErrorCode"];
            };
        };
        /**
         * @description - `botpress_error`: Botpress failed; the message names the step.
         *     - `botpress_unreachable`: Botpress could not be reached, or did not answer within the 40 seconds a
         *       request may take.
         *
         *     Retry with the same ids.
         */
        BotpressFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"] & components["schemas"]["BotpressFailedCode"];
            };
        };
        /** @description Delivered. The answer's body is ignored. */
        Delivered: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Not delivered yet: retried with exponential backoff and jitter, never sooner than a `Retry-After` sent
         *     with the answer (`408`, `429` or `5xx`), within the Max Delivery Attempts and 25 seconds in all. No answer within the
         *     Delivery Timeout (which covers the whole attempt), or a network error, is retried the same way. Only
         *     the status counts: at most 4 KiB of an answer's body is read.
         */
        Retried: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Any other answer is final: the endpoint refused the delivery and it is not retried. */
        Refused: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /**
         * @description `wait=<seconds>` ([RFC 7240](https://www.rfc-editor.org/rfc/rfc7240)): answer with the bot's replies
         *     to this message, waiting until the bot is done or the wait runs out. At most 25 seconds (a longer wait
         *     is clamped, under 1 counts as 1). Without it, or with an unreadable value, the answer comes at once.
         */
        Prefer: string;
        /**
         * @description `wait=<seconds>` ([RFC 7240](https://www.rfc-editor.org/rfc/rfc7240)): when no bot message follows
         *     `after` yet, hold the read until one comes or the wait runs out. At most 25 seconds (a longer wait is
         *     clamped, under 1 counts as 1). Without it, or with an unreadable value, the answer comes at once.
         */
        PreferWaitForMessages: string;
        /**
         * @description The delivery's id, the same on every retry: the bot message's `botpressMessageId`, `evt_…` for an
         *     event, `ping_…` for the connection check. Dedupe by it.
         */
        WebhookId: string;
        /** @description When the delivery was signed, in seconds since 1970. */
        WebhookTimestamp: string;
        /**
         * @description Only with a Signing Secret: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`
         *     keyed with the base64-decoded part of the secret after `whsec_`, per
         *     [Standard Webhooks](https://www.standardwebhooks.com).
         */
        WebhookSignature: string;
    };
    requestBodies: never;
    headers: {
        /** @description Only when the request asked to wait: the wait used, in seconds (1 to 25). */
        PreferenceApplied: string;
        /** @description `*`: a tool running in a browser (an API viewer, an online editor) may read the document from any site. */
        AnyOrigin: "*";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    sendMessage: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description `wait=<seconds>` ([RFC 7240](https://www.rfc-editor.org/rfc/rfc7240)): answer with the bot's replies
                 *     to this message, waiting until the bot is done or the wait runs out. At most 25 seconds (a longer wait
                 *     is clamped, under 1 counts as 1). Without it, or with an unreadable value, the answer comes at once.
                 */
                Prefer?: components["parameters"]["Prefer"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description At most 128,000 bytes, nested at most 32 levels deep. Fields not listed here are ignored. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageRequest"];
            };
        };
        responses: {
            /**
             * @description The message is in Botpress (or was already, for a resent `messageId`), with the Botpress records
             *     it belongs to. With `Prefer: wait`, also the bot's replies to it (`replies`, `complete`) and the
             *     header `Preference-Applied`.
             */
            200: {
                headers: {
                    "Preference-Applied": components["headers"]["PreferenceApplied"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageAnswer"] | components["schemas"]["WaitedMessageAnswer"];
                };
            };
            400: components["responses"]["BadBody"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            409: components["responses"]["MessageConflict"];
            413: components["responses"]["BodyTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    sendEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description At most 128,000 bytes, nested at most 32 levels deep. Fields not listed here are ignored. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "userId": "user-123",
                 *       "conversationId": "chat-42",
                 *       "name": "order shipped",
                 *       "payload": {
                 *         "orderId": "A-1001"
                 *       },
                 *       "eventId": "ship-A-1001"
                 *     }
                 */
                "application/json": components["schemas"]["SendEventRequest"];
            };
        };
        responses: {
            /** @description The event is in Botpress (or was already, for a resent `eventId`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAnswer"];
                };
            };
            400: components["responses"]["BadBody"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            409: components["responses"]["BotpressConflict"];
            413: components["responses"]["BodyTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    requestFileUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "photo.png",
                 *       "contentType": "image/png",
                 *       "size": 20000000
                 *     }
                 */
                "application/json": components["schemas"]["FileRequest"];
            };
        };
        responses: {
            /** @description The file exists in Botpress, awaiting its bytes. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileUpload"];
                };
            };
            400: components["responses"]["BadBody"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            409: components["responses"]["BotpressConflict"];
            413: components["responses"]["FileTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    readMessages: {
        parameters: {
            query?: {
                /**
                 * @description Your conversation id, as your messages carry it. Omit it to read the feed of every conversation of
                 *     this integration.
                 */
                conversationId?: components["schemas"]["CallerId"];
                /**
                 * @description The `cursor` of your last read (pass it as is); `now`, for the messages from now on; or a
                 *     `botpressMessageId` of this conversation (a bot's or a user's; for the feed, of any conversation,
                 *     such as the `message.id` of the answer to your POST): the messages after it. Absent, from the
                 *     first (for the feed, from the creation of the first conversation on this integration's channel).
                 */
                after?: string;
                /** @description How many messages at most. */
                limit?: number;
            };
            header?: {
                /**
                 * @description `wait=<seconds>` ([RFC 7240](https://www.rfc-editor.org/rfc/rfc7240)): when no bot message follows
                 *     `after` yet, hold the read until one comes or the wait runs out. At most 25 seconds (a longer wait is
                 *     clamped, under 1 counts as 1). Without it, or with an unreadable value, the answer comes at once.
                 */
                Prefer?: components["parameters"]["PreferWaitForMessages"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description A page of the bot's messages; `hasMore` says more follow (read again with `after` = `cursor`). With
             *     `Prefer: wait`, also the header `Preference-Applied`.
             */
            200: {
                headers: {
                    "Preference-Applied": components["headers"]["PreferenceApplied"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagesPage"];
                };
            };
            400: components["responses"]["BadQuery"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    listFailedDeliveries: {
        parameters: {
            query: {
                /** @description Which deliveries; `failed` is the only list there is. */
                status: "failed";
                /** @description The `cursor` of your last read, as is; absent, from the first. */
                after?: string;
                /** @description How many deliveries at most. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of failed deliveries; `hasMore` says more follow (read again with `after` = `cursor`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FailedDeliveriesPage"];
                };
            };
            400: components["responses"]["BadQuery"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "botpressMessageIds": [
                 *         "msg_01JQ4R6W2B3C4D5E6F7G8H9J0K"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["RedeliverRequest"];
            };
        };
        responses: {
            /** @description One result per id, in the order you sent them (repeated ids once). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedeliveryResults"];
                };
            };
            400: components["responses"]["BadBody"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            405: components["responses"]["MethodNotAllowed"];
            409: components["responses"]["NotConfigured"];
            413: components["responses"]["BodyTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BotpressFailed"];
        };
    };
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["AnyOrigin"];
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": components["schemas"]["OpenApiDocument"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    "Access-Control-Allow-Origin": components["headers"]["AnyOrigin"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    deliverMessage: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The delivery's id, the same on every retry: the bot message's `botpressMessageId`, `evt_…` for an
                 *     event, `ping_…` for the connection check. Dedupe by it.
                 */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When the delivery was signed, in seconds since 1970. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Only with a Signing Secret: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`
                 *     keyed with the base64-decoded part of the secret after `whsec_`, per
                 *     [Standard Webhooks](https://www.standardwebhooks.com).
                 */
                "webhook-signature"?: components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "text",
                 *       "payload": {
                 *         "text": "Hi! How can I help?"
                 *       },
                 *       "conversationId": "chat-42",
                 *       "botpressUserId": "user_01JABCDEFGHJKMNPQRSTVWXYZ",
                 *       "botpressMessageId": "msg_01JABCDEFGHJKMNPQRSTVWXYZ",
                 *       "botpressConversationId": "conv_01JABCDEFGHJKMNPQRSTVWXYZ",
                 *       "createdAt": "2026-11-25T13:00:00.250Z"
                 *     }
                 */
                "application/json": components["schemas"]["MessageDelivery"];
            };
        };
        responses: {
            408: components["responses"]["Retried"];
            429: components["responses"]["Retried"];
            "2XX": components["responses"]["Delivered"];
            "5XX": components["responses"]["Retried"];
            default: components["responses"]["Refused"];
        };
    };
    deliverEvent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The delivery's id, the same on every retry: the bot message's `botpressMessageId`, `evt_…` for an
                 *     event, `ping_…` for the connection check. Dedupe by it.
                 */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When the delivery was signed, in seconds since 1970. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Only with a Signing Secret: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`
                 *     keyed with the base64-decoded part of the secret after `whsec_`, per
                 *     [Standard Webhooks](https://www.standardwebhooks.com).
                 */
                "webhook-signature"?: components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "type": "event",
                 *       "name": "order ready",
                 *       "payload": {
                 *         "orderId": "A-1001"
                 *       },
                 *       "conversationId": "chat-42",
                 *       "botpressConversationId": "conv_01JABCDEFGHJKMNPQRSTVWXYZ",
                 *       "createdAt": "2026-11-25T13:00:02.000Z"
                 *     }
                 */
                "application/json": components["schemas"]["EventDelivery"];
            };
        };
        responses: {
            408: components["responses"]["Retried"];
            429: components["responses"]["Retried"];
            "2XX": components["responses"]["Delivered"];
            "5XX": components["responses"]["Retried"];
            default: components["responses"]["Refused"];
        };
    };
    checkConnection: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The delivery's id, the same on every retry: the bot message's `botpressMessageId`, `evt_…` for an
                 *     event, `ping_…` for the connection check. Dedupe by it.
                 */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When the delivery was signed, in seconds since 1970. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description Only with a Signing Secret: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`
                 *     keyed with the base64-decoded part of the secret after `whsec_`, per
                 *     [Standard Webhooks](https://www.standardwebhooks.com).
                 */
                "webhook-signature"?: components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectionCheck"];
            };
        };
        responses: {
            /** @description The endpoint works; the configuration is saved. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Saving the configuration fails, with this status in the reason. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
