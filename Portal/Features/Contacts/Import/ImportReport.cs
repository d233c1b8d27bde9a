namespace Portal.Features.Contacts.Import;

/// <summary>What happened to a row that was not imported as it stood.</summary>
public enum ImportProblemKind
{
    /// <summary>The row was not imported: the reason says what to fix.</summary>
    Refused,

    /// <summary>The row repeats an earlier row or an existing contact and was not imported again.</summary>
    Duplicate,

    /// <summary>The row was imported, but part of it was dropped or could not be matched.</summary>
    Warning,
}

/// <summary>One refused, duplicate or warned row: its line in the file, the column at fault and why.</summary>
public sealed record ImportProblem(int Line, string Column, string? ExternalId, ImportProblemKind Kind, string Message)
{
    public override string ToString() =>
        $"line {Line}, {Column}{(ExternalId is null ? "" : $" ({ExternalId})")}: {Kind.ToString().ToLowerInvariant()}, "
        + Message;
}

/// <summary>How far an import has got, for a progress bar on large files.</summary>
public sealed record ImportProgress(string Stage, int Rows);

/// <summary>
/// The outcome of one import: rows newly stored, rows already stored by an earlier import, and every problem.
/// </summary>
public sealed record ImportResult(
    int Imported, int AlreadyPresent, IReadOnlyList<ImportProblem> Problems, TimeSpan Took)
{
    public int Count(ImportProblemKind kind) => Problems.Count(p => p.Kind == kind);
}

/// <summary>A file that cannot be imported at all (a missing column); nothing was changed.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);
