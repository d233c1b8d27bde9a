using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Features.Simulator;
using static Portal.Tests.Scenarios.ScenarioJson;

namespace Portal.Tests.Simulator;

public class InvalidScenarioTests
{
    // Asserts the run was refused before any step ran and that stderr names the path with the message.
    private static void AssertRefused(SimulateRun run, string path, string messagePart)
    {
        Assert.Equal(SimulateCommand.Invalid, run.ExitCode);
        Assert.Equal("", run.Output);

        var line = run.Error.Split('\n').FirstOrDefault(line => line.TrimStart().StartsWith($"{path}: "));
        Assert.True(line is not null, $"no problem at {path} in:\n{run.Error}");
        Assert.Contains(messagePart, line);
    }

    private static JsonArray Steps(JsonObject scenario) => scenario["steps"]!.AsArray();

    private static JsonNode Node(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Malformed_json_is_refused_with_its_line_and_position()
    {
        var run = SimulateRun.OnText("{\n  \"name\": \"broken\",\n  \"numbers\": [ }\n");

        AssertRefused(run, "$", "not valid JSON at line 3, position");
    }

    [Fact]
    public void Property_written_twice_in_one_object_is_refused()
    {
        var json = WithSteps("""{ "send": { "contact": "c1", "contact": "c2", "channel": "sms" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "$", "Duplicate property 'contact'");
    }

    [Fact]
    public void Unknown_step_is_refused_with_the_step_kinds_to_choose_from()
    {
        var json = WithSteps("""{ "resolve": { "contact": "c1", "channel": "sms" } }""",
            """{ "text": { "contact": "c1", "channel": "sms" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[1].text", "\"text\" is not a step; use one of send, resolve");
    }

    [Fact]
    public void Undeclared_number_is_refused_with_where_to_declare_it()
    {
        var json = WithSteps("""{ "setInbound": { "user": "carol", "number": "+12025550199" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].setInbound.number", "+12025550199 is not declared in numbers; add it there");
    }

    [Fact]
    public void Undeclared_contact_is_refused()
    {
        var json = WithSteps("""{ "send": { "contact": "c9", "channel": "sms" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].send.contact", "No contact has the id \"c9\"");
    }

    [Fact]
    public void Undeclared_user_is_refused()
    {
        var json = Changed(scenario =>
            scenario["contacts"]!.AsArray().Add(Node("""{ "id": "c3", "assignedTo": "dan" }""")));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "contacts[2].assignedTo", "No user has the id \"dan\"");
    }

    [Fact]
    public void Number_not_in_e164_form_is_refused()
    {
        var json = Changed(scenario =>
            scenario["numbers"]!.AsArray().Add(Node("""{ "number": "(202) 555-0104", "capabilities": ["sms"] }""")));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "numbers[4].number", "\"(202) 555-0104\" is not an E.164 number");
    }

    [Fact]
    public void Number_with_a_leading_zero_country_code_is_refused()
    {
        var json = Changed(scenario => scenario["defaultOutbound"] = "+02025550100");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "defaultOutbound", "is not an E.164 number");
    }

    [Fact]
    public void Channel_other_than_sms_mms_or_voice_is_refused()
    {
        var json = WithSteps("""{ "resolve": { "contact": "c1", "channel": "fax" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].resolve.channel", "\"fax\" is not a channel; use sms, mms or voice");
    }

    [Fact]
    public void Two_users_with_the_same_inbound_number_are_refused()
    {
        var json = Changed(scenario => scenario["users"]![2]!["inbound"] = AliceInbound);

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "users[2].inbound", $"{AliceInbound} is already alice's inbound number");
    }

    [Fact]
    public void Step_that_would_give_two_users_the_same_inbound_number_is_refused()
    {
        var json = WithSteps(
            """{ "setInbound": { "user": "alice", "number": null } }""",
            $$"""{ "setInbound": { "user": "carol", "number": "{{AliceInbound}}" } }""",
            $$"""{ "setInbound": { "user": "alice", "number": "{{BobInbound}}" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[2].setInbound.number", $"{BobInbound} is already bob's inbound number at this step");
        Assert.DoesNotContain("steps[1]", run.Error);
    }

    [Fact]
    public void Duplicate_user_id_is_refused()
    {
        var json = Changed(scenario => scenario["users"]!.AsArray().Add(Node("""{ "id": "bob" }""")));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "users[3].id", "The id \"bob\" is used twice (also users[1])");
    }

    [Fact]
    public void Duplicate_contact_id_is_refused()
    {
        var json = Changed(scenario => scenario["contacts"]!.AsArray().Add(Node("""{ "id": "c1" }""")));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "contacts[2].id", "The id \"c1\" is used twice (also contacts[0])");
    }

    [Fact]
    public void Duplicate_number_is_refused()
    {
        var json = Changed(scenario =>
            scenario["numbers"]!.AsArray().Add(Node($$"""{ "number": "{{BobInbound}}", "capabilities": [] }""")));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "numbers[4].number", $"{BobInbound} is listed twice (also numbers[2])");
    }

    [Fact]
    public void Releasing_a_number_released_from_the_start_is_refused()
    {
        var json = WithSteps($$"""{ "release": { "number": "{{Spare}}" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].release.number", $"{Spare} is already released at this step");
    }

    [Fact]
    public void Releasing_a_number_twice_is_refused_at_the_second_release()
    {
        var json = WithSteps(
            $$"""{ "release": { "number": "{{Default}}" } }""",
            $$"""{ "release": { "number": "{{Default}}" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[1].release.number", $"{Default} is already released at this step");
        Assert.DoesNotContain("steps[0]", run.Error);
    }

    [Fact]
    public void Acquiring_an_owned_number_is_refused()
    {
        var json = WithSteps(
            $$"""{ "acquire": { "number": "{{Spare}}", "capabilities": ["sms"] } }""",
            $$"""{ "acquire": { "number": "{{Spare}}", "capabilities": ["voice"] } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[1].acquire.number", $"{Spare} is already owned at this step");
        Assert.DoesNotContain("steps[0]", run.Error);
    }

    [Fact]
    public void Value_of_the_wrong_json_type_is_refused()
    {
        var json = Changed(scenario => scenario["numbers"]![0]!["released"] = "no");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "numbers[0].released", "This must be true or false, not a string");
    }

    [Fact]
    public void Missing_required_field_is_refused()
    {
        var json = WithSteps("""{ "send": { "contact": "c1" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].send.channel", "\"channel\" is missing");
    }

    [Fact]
    public void Missing_steps_list_is_refused()
    {
        var json = Changed(scenario => scenario.Remove("steps"));

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps", "\"steps\" is missing");
    }

    [Fact]
    public void Expectation_with_an_unknown_rule_id_is_refused()
    {
        var json = WithSteps(
            """{ "send": { "contact": "c1", "channel": "sms" }, "expect": { "from": null, "rule": "fallback" } }""");

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "steps[0].expect.rule", "\"fallback\" is not a rule id; use one of assigned-user-inbound");
    }

    [Fact]
    public void Unknown_property_is_refused_so_typos_do_not_pass_silently()
    {
        var json = Changed(scenario => scenario["defaultOutbund"] = Default);

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "defaultOutbund", "\"defaultOutbund\" is not known here");
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var json = Changed(scenario =>
        {
            scenario["defaultOutbound"] = "+12025550199";
            Steps(scenario).Add(Node("""{ "resolve": { "contact": "c1", "channel": "fax" } }"""));
            Steps(scenario).Add(Node("""{ "assign": { "contact": "c2", "user": "zoe" } }"""));
        });

        var run = SimulateRun.OnText(json);

        AssertRefused(run, "defaultOutbound", "not declared in numbers");
        AssertRefused(run, "steps[0].resolve.channel", "not a channel");
        AssertRefused(run, "steps[1].assign.user", "No user has the id \"zoe\"");
        Assert.Contains("3 problems", run.Error);
    }

    [Fact]
    public void Json_option_prints_every_problem_with_its_path_on_standard_output()
    {
        var json = WithSteps(
            """{ "resolve": { "contact": "c1", "channel": "fax" } }""",
            """{ "setDefault": { "number": "+12025550199" } }""");

        var run = SimulateRun.OnText(json, "--json");

        Assert.Equal(SimulateCommand.Invalid, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var errors = document.RootElement.GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("path").GetString(), error.GetProperty("message").GetString()))
            .ToList();
        Assert.Equal(["steps[0].resolve.channel", "steps[1].setDefault.number"], errors.Select(error => error.Item1));
        Assert.Equal("+12025550199 is not declared in numbers; add it there.", errors[1].Item2);
        Assert.Single(document.RootElement.EnumerateObject());
    }

    [Fact]
    public void Missing_file_is_refused_as_unreadable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var run = SimulateRun.OnFile(missing);

        AssertRefused(run, "$", $"Cannot read {missing}");
    }

    [Fact]
    public void A_directory_given_as_the_file_is_named_as_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory("scenarios-").FullName;

        var run = SimulateRun.OnFile(directory);
        Directory.Delete(directory);

        AssertRefused(run, "$", $"{directory} is a directory; give the path of a scenario .json file");
        Assert.DoesNotContain("denied", run.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    public void An_empty_file_is_called_empty(string text)
    {
        var run = SimulateRun.OnText(text);

        AssertRefused(run, "$", "The file is empty");
        Assert.DoesNotContain("token", run.Error);
    }

    [Theory]
    [InlineData("{\n  \"name\": \"x\",\n  \"numbers\": [ \"+12025550100\", ],\n  \"steps\": []\n}", 3, 30)]
    [InlineData("{\n  \"name\": \"x\",\n  \"steps\": [],\n}", 3, 14)]
    public void A_comma_before_a_closing_bracket_is_pointed_at_in_plain_words(string text, int line, int position)
    {
        var run = SimulateRun.OnText(text);

        AssertRefused(run, "$",
            $"line {line}, position {position}: a comma before a closing bracket is not allowed in JSON");
        Assert.DoesNotContain("reader options", run.Error);
    }
}
