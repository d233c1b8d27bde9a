using System.Text.Json;
using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

// Typed reading of one JSON value at a time; each reports what is wrong at the value's path and returns
// false (or null) so that reading goes on and every problem of the file is found in one pass.
internal sealed partial class ScenarioReader
{
    internal const string RootPath = "$";

    private static string Child(string path, string name) => path == RootPath ? name : $"{path}.{name}";

    private static string Item(string path, int index) => $"{path}[{index}]";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    private void Report(string path, string message) => problems.Add(new ScenarioProblem(path, message));

    private void ReportType(string path, string expected, JsonElement actual) =>
        Report(path, $"This must be {expected}, not {Describe(actual.ValueKind)}.");

    private void RejectUnknownProperties(JsonElement value, string path, params string[] known)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Report(Child(path, property.Name),
                    $"\"{property.Name}\" is not known here; use {string.Join(", ", known.Select(Quote))}.");
            }
        }
    }

    private static string Quote(string text) => $"\"{text}\"";

    // Whether the object has the property; a missing required one is reported with the hint on how to add it.
    private bool TryGet(JsonElement value, string path, string name, string? missingHint, out JsonElement property)
    {
        if (value.TryGetProperty(name, out property))
        {
            return true;
        }

        if (missingHint is not null)
        {
            Report(Child(path, name), $"\"{name}\" is missing; {missingHint}");
        }

        return false;
    }

    private bool IsObject(JsonElement value, string path, string example)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        ReportType(path, $"an object such as {example}", value);
        return false;
    }

    private bool IsArray(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            return true;
        }

        ReportType(path, "an array", value);
        return false;
    }

    private string? RequiredText(JsonElement value, string path, string name, string missingHint)
    {
        if (!TryGet(value, path, name, missingHint, out var property))
        {
            return null;
        }

        return Text(property, Child(path, name));
    }

    private string? Text(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            ReportType(path, "a string", value);
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            Report(path, "This cannot be empty.");
            return null;
        }

        return text;
    }

    // A phone number that may be left out or null; false when it is there but wrong.
    private bool TryOptionalNumber(JsonElement value, string path, string name, out string? number)
    {
        number = null;
        if (!value.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        number = Number(property, Child(path, name));
        return number is not null;
    }

    // A phone number that must be written but may be null, as in setInbound and setDefault.
    private bool TryNullableNumber(JsonElement value, string path, string name, string missingHint,
        out string? number)
    {
        number = null;
        if (!TryGet(value, path, name, missingHint, out _))
        {
            return false;
        }

        return TryOptionalNumber(value, path, name, out number);
    }

    private string? RequiredNumber(JsonElement value, string path, string name, string missingHint)
    {
        if (!TryGet(value, path, name, missingHint, out var property))
        {
            return null;
        }

        return Number(property, Child(path, name));
    }

    private string? Number(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            ReportType(path, "an E.164 phone number in a string, such as \"+12025550100\"", value);
            return null;
        }

        var number = value.GetString()!;
        if (!E164.IsValid(number))
        {
            Report(path, $"\"{number}\" is not an E.164 number; write a plus, the country code and the digits "
                + "with nothing between them, such as +12025550100.");
            return null;
        }

        return number;
    }

    private Channel? RequiredChannel(JsonElement value, string path)
    {
        var code = RequiredText(value, path, "channel", "say which channel: \"sms\", \"mms\" or \"voice\".");
        if (code is null)
        {
            return null;
        }

        if (!WireCodes.TryParseChannel(code, out var channel))
        {
            Report(Child(path, "channel"), $"\"{code}\" is not a channel; use sms, mms or voice.");
            return null;
        }

        return channel;
    }

    private Capabilities? RequiredCapabilities(JsonElement value, string path)
    {
        const string hint = "list what the number can carry, such as [\"sms\", \"voice\"], or [] for nothing.";
        if (!TryGet(value, path, "capabilities", hint, out var list))
        {
            return null;
        }

        var listPath = Child(path, "capabilities");
        if (!IsArray(list, listPath))
        {
            return null;
        }

        var capabilities = Capabilities.None;
        var valid = true;
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = Item(listPath, index++);
            var code = Text(item, itemPath);
            if (code is null)
            {
                valid = false;
            }
            else if (WireCodes.TryParseCapability(code, out var capability))
            {
                capabilities |= capability;
            }
            else
            {
                Report(itemPath, $"\"{code}\" is not a capability; use sms, mms or voice.");
                valid = false;
            }
        }

        return valid ? capabilities : null;
    }
}
