using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Domain.Scenarios;
using Portal.Features.Contacts;
using Portal.Features.Sends;

namespace Portal.Features.Api;

/// <summary>The answer to "which number does this contact go out from on this channel, and why?".</summary>
public sealed record OutboundNumberAnswer(
    long ContactId, string Channel, string? From, string Rule, IReadOnlyList<TraceEntryReport> Trace);

/// <summary>A send made elsewhere, to be recorded.</summary>
public sealed record SendReport(
    [property: Required] string? From,
    [property: Required] string? Channel,
    [property: Required] string? Sid,
    [property: Required] string? Status,
    DateTimeOffset? SentAt);

/// <summary>A recorded send, as the API returns it.</summary>
public sealed record RecordedSend(
    long Id,
    long ContactId,
    string From,
    string Channel,
    string? Sid,
    string Status,
    DateTimeOffset SentAt,
    bool Counts);

/// <summary>The JSON API under /api/v1, for the CRM's sending pipeline. Every error is an RFC 7807 problem.</summary>
public static class ApiEndpoints
{
    public const string ReadPolicy = "api-read";

    public const string WritePolicy = "api-write";

    /// <summary>The largest scenario /simulate reads, far above any real one (the public ones are a few KB).</summary>
    public const int MaxScenarioBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    public static void AddApiPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(ReadPolicy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireClaim(ApiKeyAuthentication.ScopeClaim, ApiScopes.Read, ApiScopes.Write));
        options.AddPolicy(WritePolicy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
            .RequireClaim(ApiKeyAuthentication.ScopeClaim, ApiScopes.Write));
    }

    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Outbound numbers").DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(ApiKeyOpenApi.RequireKeyAsync);

        api.MapGet("/contacts/{id}/outbound-number", OutboundNumberAsync)
            .RequireAuthorization(ReadPolicy)
            .WithSummary("The From number for a contact on a channel, the rule that chose it, and the trace.")
            .Produces<OutboundNumberAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/contacts/{id}/sends", RecordSendAsync)
            .RequireAuthorization(WritePolicy)
            .WithSummary("Records a send made elsewhere; it counts unless its status is failed or canceled.")
            .Accepts<SendReport>("application/json")
            .Produces<RecordedSend>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/simulate", SimulateAsync)
            .RequireAuthorization(ReadPolicy)
            .WithSummary("Runs a scenario (the format `simulate` reads) and answers as `simulate --json` prints.")
            .Produces<SimulationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return endpoints;
    }

    private static async Task<IResult> OutboundNumberAsync(
        string id, string? channel, PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!TryReadChannel(channel, out var parsed, out var problem))
        {
            return problem;
        }

        // One query: the facts row doubles as the existence check.
        var facts = long.TryParse(id, out var numeric)
            ? await db.FactsOfAsync(numeric, cancellationToken)
            : await db.FactsOfAsync(id, cancellationToken);
        if (facts is null)
        {
            return ContactNotFound(id);
        }

        var explained = Resolver.Explain(facts.ToFacts(), parsed);
        return Results.Ok(new OutboundNumberAnswer(
            facts.ContactId, WireCodes.Of(parsed), explained.From, WireCodes.Of(explained.Rule),
            explained.Trace.Select(TraceEntryReport.Of).ToList()));
    }

    private static async Task<IResult> RecordSendAsync(
        string id, HttpRequest request, PortalDbContext db, SendLedger ledger, CancellationToken cancellationToken)
    {
        SendReport? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SendReport>(request.Body, BodyJson, cancellationToken);
        }
        catch (JsonException malformed)
        {
            return Results.Problem(
                statusCode: 400, title: "The body is not valid JSON", detail: BodyProblem(malformed));
        }

        if (body is null)
        {
            return Results.Problem(statusCode: 400, title: "The request has no body",
                detail: """Send JSON such as {"from":"+12025550100","channel":"sms","sid":"SM…","status":"sent"}.""");
        }

        var fields = new[]
        {
            ("from", body.From), ("channel", body.Channel), ("sid", body.Sid), ("status", body.Status),
        };
        var missing = fields
            .Where(field => string.IsNullOrWhiteSpace(field.Item2)).Select(field => field.Item1).ToList();
        if (missing.Count > 0)
        {
            return Results.Problem(statusCode: 400, title: "Fields are missing",
                detail: $"Give {string.Join(", ", missing)}; sentAt may be left out (it defaults to now).");
        }

        if (!TryReadChannel(body.Channel, out var channel, out var problem))
        {
            return problem;
        }

        if (!E164.IsValid(body.From!))
        {
            return Results.Problem(statusCode: 400, title: "The From number is not in E.164 form",
                detail: $"'{body.From}' should look like +12025550100.");
        }

        if (!SendStatus.IsKnown(body.Status!.Trim().ToLowerInvariant()))
        {
            return Results.Problem(statusCode: 400, title: "The status is not one of Twilio's",
                detail: $"'{Shorten(body.Status!)}' is not a Twilio message or call status; use one such as "
                        + "queued, sent, delivered, undelivered, failed, canceled, completed, busy or no-answer.");
        }

        var contactId = await ContactIdAsync(db, id, cancellationToken);
        if (contactId is null)
        {
            return ContactNotFound(id);
        }

        try
        {
            var status = body.Status!.Trim().ToLowerInvariant();
            var send = await ledger.RecordAsync(
                new SendToRecord(contactId.Value, body.From!, channel, body.Sid!.Trim(), status, body.SentAt, "api"),
                cancellationToken);
            var counts = await db.Sends.Where(s => s.Id == send.Id).Select(s => s.Counts)
                .SingleAsync(cancellationToken);
            var recorded = new RecordedSend(send.Id, contactId.Value, body.From!, send.Channel, send.Sid, send.Status,
                send.SentAt, counts);
            return Results.Created($"/api/v1/contacts/{contactId}/sends/{send.Id}", recorded);
        }
        catch (SendRefusedException refusal) when (refusal.Message.Contains("already recorded"))
        {
            return Results.Problem(statusCode: 409, title: "This send is already recorded", detail: refusal.Message);
        }
        catch (SendRefusedException refusal)
        {
            return Results.Problem(statusCode: 422, title: "The send was not recorded", detail: refusal.Message);
        }
    }

    private static async Task<IResult> SimulateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.ContentLength > MaxScenarioBytes
            ? null
            : await ReadAtMostAsync(request.Body, MaxScenarioBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The scenario is too large",
                detail: $"A scenario may be at most {MaxScenarioBytes / (1024 * 1024)} MB ({MaxScenarioBytes} bytes); "
                        + "no step was run. Split it into smaller scenarios.",
                extensions: new Dictionary<string, object?> { ["limitBytes"] = MaxScenarioBytes });
        }

        using var reader = new StreamReader(new MemoryStream(body, writable: false));
        var parsed = ScenarioParser.Parse(await reader.ReadToEndAsync(cancellationToken));
        if (!parsed.IsValid)
        {
            return Results.Problem(statusCode: 400, title: "The scenario is not valid",
                detail: "No step was run; each error names the JSON path and what to change.",
                extensions: new Dictionary<string, object?> { ["errors"] = parsed.Problems });
        }

        var report = SimulationReport.Of(ScenarioRunner.Run(parsed.Scenario!));
        return Results.Json(report, ReportJson.Options);
    }

    // Content-Length may be absent (chunked) or wrong, so the limit is also kept while reading.
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var read = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int count;
        while ((count = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (read.Length + count > limit)
            {
                return null;
            }

            read.Write(chunk, 0, count);
        }

        return read.ToArray();
    }

    private static bool TryReadChannel(string? code, out Channel channel, out IResult problem)
    {
        problem = Results.Empty;
        if (code is not null && WireCodes.TryParseChannel(code.Trim().ToLowerInvariant(), out channel))
        {
            return true;
        }

        channel = default;
        problem = Results.Problem(statusCode: 400, title: "The channel is missing or unknown",
            detail: $"channel must be sms, mms or voice{(code is null ? "" : $", not '{code}'")}.");
        return false;
    }

    /// <summary>A contact is named by the portal's id (digits) or by the CRM's own id (e.g. ct_10000).</summary>
    private static async Task<long?> ContactIdAsync(PortalDbContext db, string id, CancellationToken cancellationToken)
    {
        if (long.TryParse(id, out var numeric))
        {
            return await db.Contacts.AnyAsync(c => c.Id == numeric, cancellationToken) ? numeric : null;
        }

        return await db.Contacts.Where(c => c.ExternalId == id).Select(c => (long?)c.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    // The parser's own message names .NET types; a caller needs the field and the form it wants.
    private static string BodyProblem(JsonException malformed)
    {
        var field = malformed.Path is { Length: > 2 } path ? path[2..] : null;
        var wanted = field switch
        {
            "sentAt" => "sentAt must be an ISO 8601 date-time such as 2026-12-01T10:00:00Z.",
            "from" or "channel" or "sid" or "status" => $"{field} must be a JSON string.",
            null => "Send one JSON object with from, channel, sid, status and optionally sentAt.",
            _ => $"Check {field}.",
        };
        return $"{wanted} (at {malformed.Path ?? "$"}, line {malformed.LineNumber + 1})";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static IResult ContactNotFound(string id) =>
        Results.Problem(statusCode: 404, title: "No such contact",
            detail: $"There is no contact '{id}'. Use the portal's contact id or the CRM's Contact Id.");
}
