using System.Text.Json.Nodes;

namespace Portal.Tests.Scenarios;

// A small valid scenario that tests change one piece of, so each test shows only what it is about.
internal static class ScenarioJson
{
    public const string Default = "+12025550100";
    public const string AliceInbound = "+12025550101";
    public const string BobInbound = "+12025550102";
    public const string Spare = "+12025550103";

    public static JsonObject Base() => JsonNode.Parse($$"""
        {
          "name": "test scenario",
          "numbers": [
            { "number": "{{Default}}", "capabilities": ["sms", "mms", "voice"] },
            { "number": "{{AliceInbound}}", "capabilities": ["sms", "mms", "voice"] },
            { "number": "{{BobInbound}}", "capabilities": ["sms", "voice"] },
            { "number": "{{Spare}}", "capabilities": ["sms"], "released": true }
          ],
          "defaultOutbound": "{{Default}}",
          "users": [ { "id": "alice", "inbound": "{{AliceInbound}}" }, { "id": "bob", "inbound": "{{BobInbound}}" },
                     { "id": "carol" } ],
          "contacts": [ { "id": "c1", "assignedTo": "alice" }, { "id": "c2" } ],
          "steps": []
        }
        """)!.AsObject();

    public static string WithSteps(params string[] steps)
    {
        var scenario = Base();
        var list = scenario["steps"]!.AsArray();
        foreach (var step in steps)
        {
            list.Add(JsonNode.Parse(step));
        }

        return scenario.ToJsonString();
    }

    public static string Changed(Action<JsonObject> change)
    {
        var scenario = Base();
        change(scenario);

        return scenario.ToJsonString();
    }
}
