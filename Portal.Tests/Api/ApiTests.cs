using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Api;
using Portal.Features.Simulator;
using Portal.Infrastructure;
using Portal.Tests.Authorization;
using Portal.Tests.Scenarios;

namespace Portal.Tests.Api;

public sealed class ApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Outbound_number_names_the_number_the_rule_and_the_whole_trace()
    {
        var client = fixture.Client(fixture.ReadKey);

        var response = await client.GetAsync(
            $"/api/v1/contacts/{fixture.AssignedContactId}/outbound-number?channel=voice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal(fixture.AssignedContactId, body["contactId"]!.GetValue<long>());
        Assert.Equal(("voice", "+12025550100", "assigned-user-default"),
            (body["channel"]!.GetValue<string>(), body["from"]!.GetValue<string>(), body["rule"]!.GetValue<string>()));
        var expected = JsonNode.Parse(
            """[{"rule":"assigned-user-inbound","outcome":"skipped","number":"+12025550101","reason":"lacks-voice"},"""
            + """{"rule":"previous-number","outcome":"not-applicable","number":null,"reason":"no-previous-number"},"""
            + """{"rule":"assigned-user-default","outcome":"applied","number":"+12025550100","reason":null}]""");
        Assert.True(JsonNode.DeepEquals(expected, body["trace"]), body["trace"]!.ToJsonString());
    }

    [Fact]
    public async Task A_contact_can_be_named_by_the_crms_own_id()
    {
        var client = fixture.Client(fixture.ReadKey);

        var response = await client.GetAsync("/api/v1/contacts/ct_1/outbound-number?channel=sms");

        var body = await JsonOf(response);
        Assert.Equal(("+12025550101", "assigned-user-inbound"),
            (body["from"]!.GetValue<string>(), body["rule"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/v1/contacts/999999/outbound-number?channel=sms", 404, "There is no contact '999999'")]
    [InlineData("/api/v1/contacts/ct_1/outbound-number?channel=fax", 400, "sms, mms or voice, not 'fax'")]
    [InlineData("/api/v1/contacts/ct_1/outbound-number", 400, "channel must be sms, mms or voice")]
    public async Task Bad_requests_get_problem_details_that_say_what_to_change(string path, int status, string detail)
    {
        var response = await fixture.Client(fixture.ReadKey).GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (await JsonOf(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_recorded_send_becomes_the_previous_number_unless_it_failed()
    {
        var client = fixture.Client(fixture.WriteKey);
        var contactId = await fixture.CreateContactAsync();
        var path = $"/api/v1/contacts/{contactId}/sends";
        var first = DateTimeOffset.Parse("2026-11-01T10:00:00Z");

        var accepted = await client.PostAsJsonAsync(path,
            new { from = "+12025550101", channel = "sms", sid = "SMapi1", status = "sent", sentAt = first });
        var failed = await client.PostAsJsonAsync(path,
            new
            {
                from = "+12025550100",
                channel = "sms",
                sid = "SMapi2",
                status = "failed",
                sentAt = first.AddDays(1)
            });

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.True((await JsonOf(accepted))["counts"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Created, failed.StatusCode);
        Assert.False((await JsonOf(failed))["counts"]!.GetValue<bool>());
        var answer = await JsonOf(await client.GetAsync($"/api/v1/contacts/{contactId}/outbound-number?channel=sms"));
        Assert.Equal(("+12025550101", "previous-number"),
            (answer["from"]!.GetValue<string>(), answer["rule"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_send_from_a_number_the_account_does_not_own_is_refused_with_the_reason()
    {
        var response = await fixture.Client(fixture.WriteKey).PostAsJsonAsync("/api/v1/contacts/ct_1/sends",
            new { from = "+12025550999", channel = "sms", sid = "SMnot-ours", status = "sent" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await JsonOf(response))["detail"]!.ToString();
        Assert.Contains("+12025550999 is not a number the account owns", detail);
    }

    [Fact]
    public async Task The_same_sid_twice_is_a_conflict()
    {
        var client = fixture.Client(fixture.WriteKey);
        var path = $"/api/v1/contacts/{await fixture.CreateContactAsync()}/sends";
        var send = new { from = "+12025550100", channel = "voice", sid = "CAtwice", status = "busy" };
        await client.PostAsJsonAsync(path, send);

        var again = await client.PostAsJsonAsync(path, send);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_send_without_its_fields_names_the_missing_ones()
    {
        var response = await fixture.Client(fixture.WriteKey).PostAsJsonAsync("/api/v1/contacts/ct_1/sends",
            new { from = "+12025550100" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Give channel, sid, status", (await JsonOf(response))["detail"]!.ToString());
    }

    [Fact]
    public async Task A_send_body_that_is_not_json_is_refused_with_the_parsers_reason()
    {
        var client = fixture.Client(fixture.WriteKey);

        var response = await client.PostAsync("/api/v1/contacts/ct_1/sends",
            new StringContent("{\"from\": \"+12025550100\", \"sentAt\": \"yesterday\"}",
                System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Equal("The body is not valid JSON", problem["title"]!.ToString());
        Assert.Contains("$.sentAt", problem["detail"]!.ToString());
    }

    [Fact]
    public async Task A_send_dated_in_the_future_is_refused_and_cannot_pin_the_previous_number()
    {
        var client = fixture.Client(fixture.WriteKey);
        var contactId = await fixture.CreateContactAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/contacts/{contactId}/sends", new
        {
            from = "+12025550101",
            channel = "sms",
            sid = "SMfuture",
            status = "delivered",
            sentAt = DateTimeOffset.UtcNow.AddYears(70),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is in the future", (await JsonOf(response))["detail"]!.ToString());
        var answer = await JsonOf(await client.GetAsync($"/api/v1/contacts/{contactId}/outbound-number?channel=sms"));
        Assert.Equal("unassigned-default", answer["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_send_on_a_channel_its_number_cannot_carry_is_refused()
    {
        var contactId = await fixture.CreateContactAsync();

        var response = await fixture.Client(fixture.WriteKey).PostAsJsonAsync($"/api/v1/contacts/{contactId}/sends",
            new { from = "+12025550101", channel = "voice", sid = "CAsms-only-line", status = "completed" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("+12025550101 cannot carry voice", (await JsonOf(response))["detail"]!.ToString());
    }

    [Theory]
    [InlineData("exploded")]
    [InlineData("")]
    public async Task A_status_twilio_does_not_use_is_refused_with_the_ones_it_does(string status)
    {
        var response = await fixture.Client(fixture.WriteKey).PostAsJsonAsync("/api/v1/contacts/ct_1/sends",
            new { from = "+12025550100", channel = "sms", sid = "SMbad-status", status });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await JsonOf(response))["detail"]!.ToString();
        Assert.True(detail.Contains("queued, sent") || detail.Contains("Give status"), detail);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_told_what_to_send()
    {
        var response = await fixture.Client(fixture.WriteKey).PostAsync("/api/v1/contacts/ct_1/sends",
            new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Send one JSON object", (await JsonOf(response))["detail"]!.ToString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here", 404)]
    [InlineData("POST", "/api/v1/contacts/1/outbound-number", 405)]
    public async Task Unknown_api_addresses_answer_with_problem_details(string method, string path, int status)
    {
        var response = await fixture.Client(fixture.ReadKey).SendAsync(new HttpRequestMessage(new(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> PublicScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SamplesFolder(), "*.json").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicScenarios))]
    public async Task Simulate_answers_exactly_what_the_cli_prints(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(SamplesFolder(), file));
        var cli = new StringWriter();
        var exitCode = SimulateCommand.Run([Path.Combine(SamplesFolder(), file), "--json"], cli, new StringWriter());

        var response = await fixture.Client(fixture.ReadKey).PostAsync("/api/v1/simulate",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cli.ToString().Trim(), (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task An_invalid_scenario_gets_400_with_the_same_errors_the_cli_prints()
    {
        const string json = """
            { "name": "x", "numbers": [], "users": [], "contacts": [{ "id": "c1" }],
              "steps": [{ "send": { "contact": "c9", "channel": "fax" } }] }
            """;
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, json);
        var cli = new StringWriter();
        SimulateCommand.Run([file, "--json"], cli, new StringWriter());
        File.Delete(file);

        var response = await fixture.Client(fixture.ReadKey).PostAsync("/api/v1/simulate",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonOf(response))["errors"]!.ToJsonString();
        Assert.Equal(JsonNode.Parse(cli.ToString())!["errors"]!.ToJsonString(), errors);
        Assert.Contains("steps[0].send.contact", errors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_scenario_over_the_size_limit_gets_413_naming_the_limit(bool lengthGiven)
    {
        var tooLarge = new string(' ', ApiEndpoints.MaxScenarioBytes) + "{}";
        var content = new StringContent(tooLarge, System.Text.Encoding.UTF8, "application/json");
        if (!lengthGiven)
        {
            content.Headers.ContentLength = null;
        }

        var response = await fixture.Client(fixture.ReadKey).PostAsync("/api/v1/simulate", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 1 MB", (await JsonOf(response))["detail"]!.GetValue<string>());
    }

    public static TheoryData<string, string, AuthorizationTable.ApiCaller, int> ApiTable()
    {
        var data = new TheoryData<string, string, AuthorizationTable.ApiCaller, int>();
        foreach (var row in AuthorizationTable.ApiRows())
        {
            data.Add(row.Method, row.Path, row.Caller, row.ExpectedStatus);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiTable))]
    public async Task Each_api_endpoint_admits_exactly_the_keys_in_the_table(
        string method, string path, AuthorizationTable.ApiCaller caller, int expected)
    {
        var client = caller switch
        {
            AuthorizationTable.ApiCaller.ReadKey => fixture.Client(fixture.ReadKey),
            AuthorizationTable.ApiCaller.WriteKey => fixture.Client(fixture.WriteKey),
            AuthorizationTable.ApiCaller.WrongKey => fixture.Client("onp_not-a-real-key"),
            AuthorizationTable.ApiCaller.CookieOnly => await fixture.Portal.LoggedInClientAsync("admin@example.com"),
            _ => fixture.Client(null),
        };
        var contactId = await fixture.CreateContactAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{contact}", contactId.ToString()));
        request.Content = path.EndsWith("/simulate")
            ? new StringContent(await File.ReadAllTextAsync(Path.Combine(SamplesFolder(), "03-unassigned.json")),
                System.Text.Encoding.UTF8, "application/json")
            : JsonContent.Create(new
            {
                from = "+12025550100",
                channel = "sms",
                sid = "SM" + Guid.NewGuid().ToString("N"),
                status = "sent",
            });

        var response = await client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();
        var admin = new Actor(null, "admin@example.com");
        var created = await keys.CreateAsync("short-lived", ApiScopes.Read, admin, actorIsAdmin: true);
        var client = fixture.Client(created.Secret);
        var before = await client.GetAsync("/api/v1/contacts/ct_1/outbound-number?channel=sms");

        await keys.RevokeAsync(created.Key.Id, admin, actorIsAdmin: true);
        var after = await client.GetAsync("/api/v1/contacts/ct_1/outbound-number?channel=sms");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task Only_an_admin_may_create_a_key()
    {
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeys>();

        var refusal = await Assert.ThrowsAsync<ApiKeyRefusedException>(() => keys.CreateAsync(
            "sneaky", ApiScopes.Write, new Actor(null, "support@example.com"), actorIsAdmin: false));

        Assert.Equal("Only an admin may create API keys.", refusal.Message);
        Assert.DoesNotContain(await keys.ListAsync(), k => k.Name == "sneaky");
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await fixture.Client(null).GetStringAsync("/openapi/v1.json");

        var paths = JsonNode.Parse(document)!["paths"]!.AsObject().Select(p => p.Key)
            .Where(p => p.StartsWith("/api/")).Order().ToList();
        Assert.Equal(
            ["/api/v1/contacts/{id}/outbound-number", "/api/v1/contacts/{id}/sends", "/api/v1/simulate"], paths);
    }

    [Fact]
    public async Task The_openapi_document_says_every_api_operation_needs_an_api_key_as_a_bearer_token()
    {
        var client = fixture.Client(null);

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]?["securitySchemes"]?[ApiKeyAuthentication.SchemeName];
        Assert.NotNull(scheme);
        Assert.Equal(("http", "bearer"), (scheme["type"]?.GetValue<string>(), scheme["scheme"]?.GetValue<string>()));
        var operations = document["paths"]!.AsObject().Where(path => path.Key.StartsWith("/api/"))
            .SelectMany(path => path.Value!.AsObject()).ToList();
        Assert.Equal(3, operations.Count);
        Assert.All(operations, operation => Assert.Equal(
            $$"""[{"{{ApiKeyAuthentication.SchemeName}}":[]}]""", operation.Value!["security"]?.ToJsonString()));
    }

    private static string SamplesFolder() => ScenarioFiles.PublicDirectory;
}
