using System.Text.Json;
using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

// The steps, each checked against the state the steps before it leave behind.
internal sealed partial class ScenarioReader
{
    private static readonly string[] StepKinds =
        ["send", "resolve", "assign", "unassign", "setInbound", "setDefault", "release", "acquire"];

    private List<ScenarioStep> ReadSteps(JsonElement root)
    {
        var steps = new List<ScenarioStep>();
        var items = ReadList(root, "steps",
            "list what happens, such as [{ \"send\": { \"contact\": \"c1\", \"channel\": \"sms\" } }].");

        var index = 0;
        foreach (var item in items ?? [])
        {
            var step = ReadStep(item, Item("steps", index++));
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private ScenarioStep? ReadStep(JsonElement item, string path)
    {
        if (!IsObject(item, path, "{ \"send\": { \"contact\": \"c1\", \"channel\": \"sms\" } }"))
        {
            return null;
        }

        var kinds = new List<string>();
        var unknown = false;
        foreach (var property in item.EnumerateObject())
        {
            if (StepKinds.Contains(property.Name))
            {
                kinds.Add(property.Name);
            }
            else if (property.Name != "expect")
            {
                unknown = true;
                Report(Child(path, property.Name),
                    $"\"{property.Name}\" is not a step; use one of {string.Join(", ", StepKinds)}.");
            }
        }

        if (kinds.Count > 1)
        {
            Report(path, $"A step does one thing, but this one has {string.Join(" and ", kinds)}; "
                + "split it into one step each.");
            return null;
        }

        if (kinds.Count == 0)
        {
            if (unknown)
            {
                return null;
            }

            Report(path, $"This step does nothing; give it one of {string.Join(", ", StepKinds)}.");
            return null;
        }

        var kind = kinds[0];
        var bodyPath = Child(path, kind);
        var body = item.GetProperty(kind);
        var expect = ReadExpectation(item, path, kind);
        if (!IsObject(body, bodyPath, $"{{ \"{kind}\": {{ ... }} }}"))
        {
            return null;
        }

        var step = kind switch
        {
            "send" or "resolve" => ReadResolving(body, bodyPath, kind, expect),
            "assign" => ReadAssign(body, bodyPath),
            "unassign" => ReadUnassign(body, bodyPath),
            "setInbound" => ReadSetInbound(body, bodyPath),
            "setDefault" => ReadSetDefault(body, bodyPath),
            "release" => ReadRelease(body, bodyPath),
            _ => ReadAcquire(body, bodyPath),
        };

        return expect.Valid ? step : null;
    }

    private (bool Valid, Expectation? Expectation) ReadExpectation(JsonElement item, string path, string kind)
    {
        if (!item.TryGetProperty("expect", out var expect))
        {
            return (true, null);
        }

        var expectPath = Child(path, "expect");
        if (kind is not ("send" or "resolve"))
        {
            Report(expectPath, $"Only send and resolve steps can carry an expect; remove it from this {kind} step.");
            return (false, null);
        }

        if (!IsObject(expect, expectPath, "{ \"from\": \"+12025550100\", \"rule\": \"previous-number\" }"))
        {
            return (false, null);
        }

        RejectUnknownProperties(expect, expectPath, "from", "rule");
        var fromValid = TryNullableNumber(expect, expectPath, "from",
            "give the expected From number, or null when none is expected.", out var from);
        if (from is not null)
        {
            fromValid = CheckDeclaredNumber(from, Child(expectPath, "from"));
        }

        var ruleCode = RequiredText(expect, expectPath, "rule", "give the rule that must apply, such as \"none\".");
        var rule = RuleId.None;
        var ruleValid = ruleCode is not null && WireCodes.TryParseRule(ruleCode, out rule);
        if (ruleCode is not null && !ruleValid)
        {
            Report(Child(expectPath, "rule"),
                $"\"{ruleCode}\" is not a rule id; use one of {string.Join(", ", WireCodes.RuleIds)}.");
        }

        return fromValid && ruleValid ? (true, new Expectation(from, rule)) : (false, null);
    }

    private ScenarioStep? ReadResolving(JsonElement body, string path, string kind,
        (bool Valid, Expectation? Expectation) expect)
    {
        RejectUnknownProperties(body, path, "contact", "channel");
        var contact = ReadContactReference(body, path);
        var channel = RequiredChannel(body, path);
        if (contact is null || channel is not { } known)
        {
            return null;
        }

        return kind == "send"
            ? new SendStep(contact, known, expect.Expectation)
            : new ResolveStep(contact, known, expect.Expectation);
    }

    private ScenarioStep? ReadAssign(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "contact", "user");
        var contact = ReadContactReference(body, path);
        var user = ReadUserReference(body, path);

        return contact is null || user is null ? null : new AssignStep(contact, user);
    }

    private ScenarioStep? ReadUnassign(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "contact");
        var contact = ReadContactReference(body, path);

        return contact is null ? null : new UnassignStep(contact);
    }

    private ScenarioStep? ReadSetInbound(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "user", "number");
        var user = ReadUserReference(body, path);
        var numberPath = Child(path, "number");
        var numberValid = TryNullableNumber(body, path, "number",
            "give the user's new inbound number, or null to clear it.", out var number);
        if (number is not null)
        {
            numberValid = CheckDeclaredNumber(number, numberPath);
        }

        if (user is null || !numberValid || !TryGiveInbound(user, number, numberPath, "at this step"))
        {
            return null;
        }

        return new SetInboundStep(user, number);
    }

    private ScenarioStep? ReadSetDefault(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "number");
        var numberValid = TryNullableNumber(body, path, "number",
            "give the new default outbound number, or null to clear it.", out var number);
        if (number is not null)
        {
            numberValid = CheckDeclaredNumber(number, Child(path, "number"));
        }

        return numberValid ? new SetDefaultStep(number) : null;
    }

    private ScenarioStep? ReadRelease(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "number");
        var number = ReadDeclaredNumber(body, path, "give the number the account gives up.");
        if (number is null)
        {
            return null;
        }

        if (owned.TryGetValue(number, out var isOwned) && !isOwned)
        {
            Report(Child(path, "number"), $"{number} is already released at this step; remove this step, or "
                + "acquire the number before releasing it again.");
            return null;
        }

        owned[number] = false;
        return new ReleaseStep(number);
    }

    private ScenarioStep? ReadAcquire(JsonElement body, string path)
    {
        RejectUnknownProperties(body, path, "number", "capabilities");
        var number = ReadDeclaredNumber(body, path, "give the number the account gets.");
        var capabilities = RequiredCapabilities(body, path);
        if (number is null)
        {
            return null;
        }

        if (owned.TryGetValue(number, out var isOwned) && isOwned)
        {
            Report(Child(path, "number"), $"{number} is already owned at this step; remove this step, or "
                + "release the number before acquiring it again.");
            return null;
        }

        owned[number] = true;
        return capabilities is { } known ? new AcquireStep(number, known) : null;
    }

    private string? ReadDeclaredNumber(JsonElement body, string path, string missingHint)
    {
        var number = RequiredNumber(body, path, "number", missingHint);

        return number is not null && CheckDeclaredNumber(number, Child(path, "number")) ? number : null;
    }

    private string? ReadContactReference(JsonElement body, string path)
    {
        var contact = RequiredText(body, path, "contact", "give the id of a contact declared in contacts.");

        return contact is not null && CheckDeclaredContact(contact, Child(path, "contact")) ? contact : null;
    }

    private string? ReadUserReference(JsonElement body, string path)
    {
        var user = RequiredText(body, path, "user", "give the id of a user declared in users.");

        return user is not null && CheckDeclaredUser(user, Child(path, "user")) ? user : null;
    }
}
