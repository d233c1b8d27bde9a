namespace Portal.Domain.Scenarios;

/// <summary>Something wrong with a scenario file: where it is, as a JSON path, and what it is.</summary>
/// <param name="Path">The JSON path, counted from 0; <c>$</c> for the file as a whole.</param>
/// <param name="Message">A sentence a person can act on.</param>
public sealed record ScenarioProblem(string Path, string Message);
