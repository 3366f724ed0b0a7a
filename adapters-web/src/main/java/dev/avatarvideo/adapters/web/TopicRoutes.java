package dev.avatarvideo.adapters.web;

import dev.avatarvideo.adapters.web.TopicJson.TopicBody;
import dev.avatarvideo.adapters.web.TopicJson.TopicListBody;
import dev.avatarvideo.adapters.web.TopicJson.TopicRequest;
import dev.avatarvideo.application.port.in.topic.DeleteTopic;
import dev.avatarvideo.application.port.in.topic.GetTopic;
import dev.avatarvideo.application.port.in.topic.ListTopics;
import dev.avatarvideo.application.port.in.topic.ListTopicsQuery;
import dev.avatarvideo.application.port.in.topic.SaveTopic;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand;
import dev.avatarvideo.application.port.in.topic.SaveTopicCommand.IncomingFile;
import dev.avatarvideo.application.port.in.topic.TopicView;
import dev.avatarvideo.application.port.in.topic.UpdateTopic;
import dev.avatarvideo.domain.FileTooLargeException;
import dev.avatarvideo.domain.InvalidInputException;
import dev.avatarvideo.domain.TenantId;
import dev.avatarvideo.domain.TopicCursor;
import dev.avatarvideo.domain.TopicId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/topics}: save a topic (JSON, or multipart with its files), read, replace, delete and list topics.
 *
 * <p>A multipart request carries the topic's JSON in a part named {@code topic} and each file in a part of its own,
 * named by the content that uses it. Jetty writes file parts to the upload directory as they arrive (never holding a
 * whole file in memory) and the service streams each from there into storage.
 */
final class TopicRoutes {

    static final String TOPIC_PART = "topic";
    private static final Logger LOG = LoggerFactory.getLogger(TopicRoutes.class);

    private final SaveTopic save;
    private final UpdateTopic update;
    private final GetTopic get;
    private final ListTopics list;
    private final DeleteTopic delete;
    private final RequestTenant tenant;
    private final JsonBodies bodies;

    TopicRoutes(JavalinServer.TopicUseCases useCases, RequestTenant tenant, JsonBodies bodies) {
        this.save = useCases.save();
        this.update = useCases.update();
        this.get = useCases.get();
        this.list = useCases.list();
        this.delete = useCases.delete();
        this.tenant = tenant;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/topics", this::create);
        routes.get("/api/topics", this::list);
        routes.get("/api/topics/{id}", this::get);
        routes.put("/api/topics/{id}", this::replace);
        routes.delete("/api/topics/{id}", this::delete);
    }

    private void create(Context ctx) {
        try {
            TopicView saved = save.save(command(ctx));
            ctx.status(201).header("Location", "/api/topics/" + saved.topic().id()).json(TopicBody.of(saved));
        } finally {
            discardSpooledParts(ctx);
        }
    }

    private void replace(Context ctx) {
        try {
            TopicId id = parseId(ctx.pathParam("id"));
            TopicView saved = update.update(id, command(ctx)).orElseThrow(() -> new NotFoundException("no topic " + id));
            ctx.json(TopicBody.of(saved));
        } finally {
            discardSpooledParts(ctx);
        }
    }

    /**
     * The parts Jetty spooled to disk are no longer needed once the service has stored (or refused) them. Jetty removes
     * them too, but only after the response is complete; removing them here means no upload outlives its request.
     */
    private static void discardSpooledParts(Context ctx) {
        if (!isMultipart(ctx)) {
            return;
        }
        try {
            for (Part part : ctx.req().getParts()) {
                part.delete();
            }
        } catch (Exception e) {
            LOG.debug("spooled parts of {} {} are left to Jetty: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    private void get(Context ctx) {
        TopicId id = parseId(ctx.pathParam("id"));
        ctx.json(TopicBody.of(get.get(tenant.of(ctx), id).orElseThrow(() -> new NotFoundException("no topic " + id))));
    }

    private void delete(Context ctx) {
        TopicId id = parseId(ctx.pathParam("id"));
        if (!delete.delete(tenant.of(ctx), id)) {
            throw new NotFoundException("no topic " + id);
        }
        ctx.status(204);
    }

    private void list(Context ctx) {
        int limit = parseLimit(ctx.queryParam("limit"));
        Optional<TopicCursor> after = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank()).map(CursorCodec::decodeTopic);
        ctx.json(TopicListBody.of(list.list(new ListTopicsQuery(tenant.of(ctx), limit, after))));
    }

    private SaveTopicCommand command(Context ctx) {
        TenantId tenantId = tenant.of(ctx);
        if (!isMultipart(ctx)) {
            TopicRequest request = bodies.read(ctx, TopicRequest.class);
            return request.command(tenantId, Map.of());
        }
        Map<String, List<UploadedFile>> fileParts;
        Collection<Part> parts;
        try {
            fileParts = ctx.uploadedFileMap();
            parts = ctx.req().getParts();
        } catch (Exception e) {
            throw unreadableMultipart(e);
        }
        Map<String, List<Part>> fieldParts = new LinkedHashMap<>();
        for (Part part : parts) {
            requireAcceptableText(part);
            // Javalin's formParamMap() would read every part, files included, into strings; take the plain fields only.
            if (part.getSubmittedFileName() == null) {
                fieldParts.computeIfAbsent(part.getName(), name -> new ArrayList<>()).add(part);
            }
        }
        TopicRequest request;
        try {
            request = bodies.read(topicJson(fieldParts, fileParts), TopicRequest.class);
        } catch (JsonBodies.MalformedBodyException e) {
            // In a multipart request the JSON is not the body but the part named 'topic'.
            throw e.field().equals("body") ? new JsonBodies.MalformedBodyException(TOPIC_PART, e.getMessage().replace("request body", "topic part")) : e;
        } catch (InvalidInputException e) {
            throw e.field().equals("body") ? new InvalidInputException(TOPIC_PART, e.getMessage().replaceFirst("^body", TOPIC_PART)) : e;
        }
        Map<String, IncomingFile> files = new LinkedHashMap<>();
        fileParts.forEach((name, uploads) -> {
            if (name.equals(TOPIC_PART)) {
                return;
            }
            if (uploads.size() != 1) {
                throw new InvalidInputException(name, "the request has " + uploads.size() + " files in part '" + name
                        + "'; send each file in a part of its own and name each part in one content");
            }
            UploadedFile upload = uploads.getFirst();
            files.put(name, new IncomingFile(name, upload.filename(), upload.contentType(), upload.size(), upload::content));
        });
        fieldParts.keySet().stream().filter(name -> !name.equals(TOPIC_PART)).findFirst().ifPresent(name -> {
            throw new InvalidInputException(name, "part '" + name + "' is not a file (it has no filename); a topic request has the"
                    + " topic JSON in a part named 'topic' and files, each with a filename, in the parts its contents name");
        });
        return request.command(tenantId, files);
    }

    /**
     * A part's name, file name and type are text like any other (the file name is kept, and sent back in a
     * {@code Content-Disposition} header); a complaint names the part, or the body when the name itself is the problem.
     */
    private static void requireAcceptableText(Part part) {
        String name = part.getName() == null ? "" : part.getName();
        TextRules.violation(name, false).or(() -> replacedBytes(name)).ifPresent(why -> {
            throw new InvalidInputException("body", "the name of a part " + why);
        });
        for (String[] text : new String[][] {{"file name", part.getSubmittedFileName()}, {"content type", part.getContentType()}}) {
            if (text[1] != null) {
                TextRules.violation(text[1], false).or(() -> replacedBytes(text[1])).ifPresent(why -> {
                    throw new InvalidInputException(name, "the " + text[0] + " of part '" + name + "' " + why);
                });
            }
        }
    }

    /**
     * Jetty decodes part headers as UTF-8 and turns bytes that are not into U+FFFD; a name that holds one was not valid
     * UTF-8 when it was sent (a real U+FFFD in a file name is not worth keeping either).
     */
    private static Optional<String> replacedBytes(String text) {
        int at = text.indexOf('\uFFFD');
        return at < 0 ? Optional.empty() : Optional.of("is not valid UTF-8 (byte sequences that are not UTF-8 arrive as U+FFFD, at character "
                + (at + 1) + ")");
    }

    /** The topic's JSON travels as a plain field, or as a file when a client attaches it from disk; either will do. */
    private static byte[] topicJson(Map<String, List<Part>> fields, Map<String, List<UploadedFile>> files) {
        List<Part> asField = fields.getOrDefault(TOPIC_PART, List.of());
        List<UploadedFile> asFile = files.getOrDefault(TOPIC_PART, List.of());
        if (asField.size() + asFile.size() != 1) {
            throw new InvalidInputException(TOPIC_PART, asField.isEmpty() && asFile.isEmpty()
                    ? "a multipart topic request needs the topic JSON in a part named 'topic'"
                    : "the request has more than one part named 'topic'; send the topic JSON once");
        }
        long size = asField.isEmpty() ? asFile.getFirst().size() : asField.getFirst().getSize();
        if (size > JavalinServer.MAX_JSON_BODY_BYTES) {
            throw new FileTooLargeException(TOPIC_PART, "the topic JSON may have at most " + JavalinServer.MAX_JSON_BODY_BYTES + " bytes");
        }
        try (InputStream in = asField.isEmpty() ? asFile.getFirst().content() : asField.getFirst().getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException(TOPIC_PART, "the part named 'topic' could not be read");
        }
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Jetty refuses a body over the total limit, or one that is not multipart at all, while reading it. */
    static RuntimeException unreadableMultipart(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("exceeded") || message.contains("too large")) {
                return new FileTooLargeException("body", "the request is larger than this service accepts in one upload;"
                        + " send fewer or smaller files at a time");
            }
        }
        return new JsonBodies.MalformedBodyException("body", "the request body is not readable multipart/form-data");
    }

    /** A malformed id cannot name any topic: answer as for an unknown one rather than explain our id format. */
    private static TopicId parseId(String text) {
        try {
            return TopicId.parse(text);
        } catch (InvalidInputException e) {
            throw new NotFoundException("no topic " + text);
        }
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return ListTopicsQuery.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "limit must be a whole number between 1 and " + ListTopicsQuery.MAX_LIMIT);
        }
    }
}
