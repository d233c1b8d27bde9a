using System.Text;
using System.Text.Json;
using Portal.Domain.Rules;
using Portal.Domain.Scenarios;

namespace Portal.Features.Simulator;

/// <summary>
/// A scenario as the simulator page edits it: plain mutable fields that the form binds to. It is turned into the
/// scenario file format and handed to the same parser and runner as the simulate command, so what the page shows
/// is exactly what the command would say about the exported file.
/// </summary>
public sealed class ScenarioDraft
{
    public string Name { get; set; } = "A scenario built in the simulator";

    public List<NumberDraft> Numbers { get; set; } = [];

    public string? DefaultOutbound { get; set; }

    public List<UserDraft> Users { get; set; } = [];

    public List<ContactDraft> Contacts { get; set; } = [];

    public List<StepDraft> Steps { get; set; } = [];

    public sealed class NumberDraft
    {
        public string Number { get; set; } = "";

        public bool Sms { get; set; } = true;

        public bool Mms { get; set; } = true;

        public bool Voice { get; set; } = true;

        public bool Released { get; set; }
    }

    public sealed class UserDraft
    {
        public string Id { get; set; } = "";

        public string? Inbound { get; set; }
    }

    public sealed class ContactDraft
    {
        public string Id { get; set; } = "";

        public string? AssignedTo { get; set; }

        public string? Previous { get; set; }
    }

    public sealed class StepDraft
    {
        public string Kind { get; set; } = "send";

        public string? Contact { get; set; }

        public string Channel { get; set; } = "sms";

        public string? User { get; set; }

        public string? Number { get; set; }

        public bool Sms { get; set; } = true;

        public bool Mms { get; set; }

        public bool Voice { get; set; } = true;

        public bool HasExpectation { get; set; }

        public string? ExpectFrom { get; set; }

        public string ExpectRule { get; set; } = "none";

        public bool Resolves => Kind is "send" or "resolve";
    }

    /// <summary>The step kinds of the scenario format, in the order the page offers them.</summary>
    public static IReadOnlyList<string> StepKinds { get; } =
        ["send", "resolve", "assign", "unassign", "setInbound", "setDefault", "release", "acquire"];

    public static ScenarioDraft Blank() => new()
    {
        Numbers =
        [
            new NumberDraft { Number = "+12025550100" },
            new NumberDraft { Number = "+12025550101" },
        ],
        DefaultOutbound = "+12025550100",
        Users = [new UserDraft { Id = "alice", Inbound = "+12025550101" }, new UserDraft { Id = "carol" }],
        Contacts = [new ContactDraft { Id = "c1" }],
        Steps = [new StepDraft { Kind = "send", Contact = "c1" }],
    };

    public static ScenarioDraft From(Scenario scenario) => new()
    {
        Name = scenario.Name,
        Numbers = scenario.Numbers.Select(n => new NumberDraft
        {
            Number = n.Number,
            Sms = n.Capabilities.HasFlag(Capabilities.Sms),
            Mms = n.Capabilities.HasFlag(Capabilities.Mms),
            Voice = n.Capabilities.HasFlag(Capabilities.Voice),
            Released = n.Released,
        }).ToList(),
        DefaultOutbound = scenario.DefaultOutbound,
        Users = scenario.Users.Select(u => new UserDraft { Id = u.Id, Inbound = u.Inbound }).ToList(),
        Contacts = scenario.Contacts
            .Select(c => new ContactDraft { Id = c.Id, AssignedTo = c.AssignedTo, Previous = c.Previous }).ToList(),
        Steps = scenario.Steps.Select(StepFrom).ToList(),
    };

    private static StepDraft StepFrom(ScenarioStep step)
    {
        var draft = new StepDraft { Kind = step.Kind };
        switch (step)
        {
            case ResolvingStep resolving:
                draft.Contact = resolving.Contact;
                draft.Channel = WireCodes.Of(resolving.Channel);
                draft.HasExpectation = resolving.Expect is not null;
                draft.ExpectFrom = resolving.Expect?.From;
                draft.ExpectRule = resolving.Expect is { } expect ? WireCodes.Of(expect.Rule) : "none";
                break;
            case AssignStep assign:
                (draft.Contact, draft.User) = (assign.Contact, assign.User);
                break;
            case UnassignStep unassign:
                draft.Contact = unassign.Contact;
                break;
            case SetInboundStep setInbound:
                (draft.User, draft.Number) = (setInbound.User, setInbound.Number);
                break;
            case SetDefaultStep setDefault:
                draft.Number = setDefault.Number;
                break;
            case ReleaseStep release:
                draft.Number = release.Number;
                break;
            case AcquireStep acquire:
                draft.Number = acquire.Number;
                draft.Sms = acquire.Capabilities.HasFlag(Capabilities.Sms);
                draft.Mms = acquire.Capabilities.HasFlag(Capabilities.Mms);
                draft.Voice = acquire.Capabilities.HasFlag(Capabilities.Voice);
                break;
        }

        return draft;
    }

    /// <summary>The draft in the scenario file format, which the simulate command reads.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            WriteNumbers(json);
            WriteNullable(json, "defaultOutbound", DefaultOutbound);
            WriteUsers(json);
            WriteContacts(json);
            json.WriteStartArray("steps");
            foreach (var step in Steps)
            {
                WriteStep(json, step);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteNumbers(Utf8JsonWriter json)
    {
        json.WriteStartArray("numbers");
        foreach (var number in Numbers)
        {
            json.WriteStartObject();
            json.WriteString("number", number.Number.Trim());
            WriteCapabilities(json, number.Sms, number.Mms, number.Voice);
            if (number.Released)
            {
                json.WriteBoolean("released", true);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteUsers(Utf8JsonWriter json)
    {
        json.WriteStartArray("users");
        foreach (var user in Users)
        {
            json.WriteStartObject();
            json.WriteString("id", user.Id.Trim());
            WriteNullable(json, "inbound", user.Inbound);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteContacts(Utf8JsonWriter json)
    {
        json.WriteStartArray("contacts");
        foreach (var contact in Contacts)
        {
            json.WriteStartObject();
            json.WriteString("id", contact.Id.Trim());
            WriteNullable(json, "assignedTo", contact.AssignedTo);
            WriteNullable(json, "previous", contact.Previous);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStep(Utf8JsonWriter json, StepDraft step)
    {
        json.WriteStartObject();
        json.WriteStartObject(step.Kind);
        switch (step.Kind)
        {
            case "send" or "resolve":
                json.WriteString("contact", step.Contact ?? "");
                json.WriteString("channel", step.Channel);
                break;
            case "assign":
                json.WriteString("contact", step.Contact ?? "");
                json.WriteString("user", step.User ?? "");
                break;
            case "unassign":
                json.WriteString("contact", step.Contact ?? "");
                break;
            case "setInbound":
                json.WriteString("user", step.User ?? "");
                WriteNullable(json, "number", step.Number, alwaysWrite: true);
                break;
            case "setDefault":
                WriteNullable(json, "number", step.Number, alwaysWrite: true);
                break;
            case "release":
                json.WriteString("number", step.Number ?? "");
                break;
            case "acquire":
                json.WriteString("number", step.Number ?? "");
                WriteCapabilities(json, step.Sms, step.Mms, step.Voice);
                break;
        }

        json.WriteEndObject();
        if (step.Resolves && step.HasExpectation)
        {
            json.WriteStartObject("expect");
            WriteNullable(json, "from", step.ExpectFrom, alwaysWrite: true);
            json.WriteString("rule", step.ExpectRule);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteCapabilities(Utf8JsonWriter json, bool sms, bool mms, bool voice)
    {
        json.WriteStartArray("capabilities");
        foreach (var (code, has) in new[] { ("sms", sms), ("mms", mms), ("voice", voice) })
        {
            if (has)
            {
                json.WriteStringValue(code);
            }
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value, bool alwaysWrite = false)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(name, value.Trim());
        }
        else if (alwaysWrite)
        {
            json.WriteNull(name);
        }
    }
}
