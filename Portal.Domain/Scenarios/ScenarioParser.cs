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
            return ScenarioParseResult.Invalid([new ScenarioProblem(ScenarioReader.RootPath, Malformed(exception))]);
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

    private static string Malformed(JsonException exception)
    {
        // The reader's own message ends with its zero-based position, which people read one-based.
        var detail = exception.Message;
        var positionStart = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (positionStart >= 0)
        {
            detail = detail[..positionStart];
        }

        // Duplicate properties are found after reading, so the reader knows no position for them.
        if (exception.LineNumber is not { } line || exception.BytePositionInLine is not { } column)
        {
            return $"The file is not valid JSON: {detail} Fix the JSON and try again.";
        }

        return $"The file is not valid JSON at line {line + 1}, position {column + 1}: {detail} Fix the JSON there.";
    }
}
