using CsvHelper;

namespace Portal.Features.Contacts.Import;

/// <summary>Opens a CSV as people export them: headers matched by name in any letter case, fields trimmed.</summary>
internal static class CsvRows
{
    public static CsvReader Open(TextReader csv) =>
        CsvReader.Create(csv, new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = header => header.Trim().ToLowerInvariant(),
        }, leaveOpen: true);

    /// <summary>Refuses the whole file when a column the import needs is missing, before anything is changed.</summary>
    public static void RequireColumns(CsvReader reader, string file, IReadOnlyList<string> required, string expected)
    {
        var missing = required.Where(column => !reader.TryGetFieldIndex(column, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportRefusedException(
                $"{file} lacks the column(s) {string.Join(", ", missing)} in its first line, so nothing was imported. "
                + $"Expected the columns {expected} (in any order and letter case).");
        }
    }

    public static string Field(CsvReader reader, string column) =>
        reader.TryGetFieldIndex(column, out _) ? reader.GetString(column).Trim() : "";
}
