using System.Text.Json;

namespace Portal.Domain.Scenarios;

/// <summary>Reads a scenario file and checks all of it before any step runs.</summary>
public static class ScenarioParser
{
    // A property written twice in one object would otherwise let one of the two values win unnoticed.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The scenario in the JSON text, or every problem in it, each with its JSON path.</summary>
    public static ScenarioParseResult Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException exception)
        {
            return ScenarioParseResult.Invalid(
                [new ScenarioProblem(ScenarioReader.RootPath, Malformed(json, exception))]);
        }

        using (document)
        {
            var reader = new ScenarioReader();
            var scenario = reader.Read(document.RootElement);

            return scenario is null
                ? ScenarioParseResult.Invalid(reader.Problems)
                : ScenarioParseResult.Valid(scenario);
        }
    }

    /// <summary>The result for a file that could not be read at all.</summary>
    public static ScenarioParseResult Unreadable(string message) =>
        ScenarioParseResult.Invalid([new ScenarioProblem(ScenarioReader.RootPath, message)]);

    private static string Malformed(string json, JsonException exception)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "The file is empty: a scenario is one JSON object, as in { \"name\": …, \"steps\": [ … ] }.";
        }

        // Duplicate properties are found after reading, so the reader knows no position for them.
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } bytes)
        {
            return $"The file is not valid JSON: {ReaderDetail(exception)} Fix the JSON and try again.";
        }

        // The reader's own words for these name its options; a person needs what to change, and where.
        var at = Offset(json, line, bytes);
        if (ReadsFurtherWith(json, new JsonDocumentOptions { AllowTrailingCommas = true }, exception))
        {
            var comma = json.LastIndexOf(',', Math.Min(at, json.Length - 1));
            return $"The file is not valid JSON at {Where(json, comma)}: a comma before a closing bracket is not "
                   + "allowed in JSON; remove it.";
        }

        if (ReadsFurtherWith(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }, exception))
        {
            return $"The file is not valid JSON at {Where(json, at)}: a comment is not allowed in JSON; remove it.";
        }

        if (string.IsNullOrWhiteSpace(json[Math.Min(at, json.Length)..]))
        {
            var lastLine = json.AsSpan().TrimEnd().Count('\n') + 1;
            return $"The file ends (line {lastLine}) before the JSON does: a closing }}, ] or \" is missing.";
        }

        return $"The file is not valid JSON at {Where(json, at)}: {ReaderDetail(exception)} Fix the JSON there.";
    }

    // The reader's message ends with its zero-based position, which people read one-based.
    private static string ReaderDetail(JsonException exception)
    {
        var detail = exception.Message;
        var positionStart = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return positionStart >= 0 ? detail[..positionStart] : detail;
    }

    // True when a more lenient reader gets past the point where the strict one stopped.
    private static bool ReadsFurtherWith(string json, JsonDocumentOptions lenient, JsonException strict)
    {
        try
        {
            JsonDocument.Parse(json, lenient).Dispose();
            return true;
        }
        catch (JsonException other)
        {
            return (other.LineNumber, other.BytePositionInLine) != (strict.LineNumber, strict.BytePositionInLine);
        }
    }

    // The reader counts lines by '\n' and positions in UTF-8 bytes; this turns its place into a string index.
    private static int Offset(string json, long line, long bytes)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            offset = json.IndexOf('\n', offset) + 1;
        }

        for (long counted = 0; counted < bytes && offset < json.Length; offset++)
        {
            counted += json[offset] switch
            {
                < '\u0080' => 1,
                < '\u0800' => 2,
                _ when char.IsHighSurrogate(json[offset]) => 4,
                _ when char.IsLowSurrogate(json[offset]) => 0,
                _ => 3,
            };
        }

        return offset;
    }

    private static string Where(string json, int offset)
    {
        var lineStart = json.LastIndexOf('\n', Math.Max(offset - 1, 0)) + 1;
        var line = json.AsSpan(0, lineStart).Count('\n') + 1;
        return $"line {line}, position {offset - lineStart + 1}";
    }
}
