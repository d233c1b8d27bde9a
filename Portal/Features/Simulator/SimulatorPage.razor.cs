using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Scenarios;

namespace Portal.Features.Simulator;

public partial class SimulatorPage
{
    private const long LargestScenarioFile = 1024 * 1024;

    [Inject]
    private SimulatorStart Start { get; set; } = default!;

    private ScenarioDraft _draft = ScenarioDraft.Blank();
    private string? _contactToCopy;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private IReadOnlyList<ScenarioProblem> _fileProblems = [];

    private void StartBlank()
    {
        _draft = ScenarioDraft.Blank();
        Say(Severity.Info, "Started a blank scenario.");
    }

    private async Task StartFromContactAsync()
    {
        var draft = await Start.FromContactAsync(_contactToCopy ?? "");
        if (draft is null)
        {
            Say(Severity.Error, $"There is no contact '{_contactToCopy}'. Use the portal's contact id or the CRM's.");
            return;
        }

        _draft = draft;
        Say(Severity.Success, $"Copied the current facts of contact {_contactToCopy}; the real contact is unchanged.");
    }

    private async Task OpenFileAsync(InputFileChangeEventArgs e)
    {
        string json;
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(LargestScenarioFile));
            json = await reader.ReadToEndAsync();
        }
        catch (IOException exception)
        {
            Say(Severity.Error, $"{e.File.Name} could not be read ({exception.Message}); files up to 1 MB are read.");
            return;
        }

        var parsed = ScenarioParser.Parse(json);
        if (!parsed.IsValid)
        {
            // The scenario on screen stays as it was: a bad file must not cost the user their work.
            Say(Severity.Error, $"{e.File.Name} is not a valid scenario; nothing was changed:");
            _fileProblems = parsed.Problems;
            return;
        }

        _draft = ScenarioDraft.From(parsed.Scenario!);
        Say(Severity.Success, $"Opened {e.File.Name}.");
    }

    private void AddStep()
    {
        var contact = _draft.Contacts.FirstOrDefault()?.Id;
        _draft.Steps.Add(new ScenarioDraft.StepDraft { Kind = "send", Contact = contact });
    }

    private void Move(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= _draft.Steps.Count)
        {
            return;
        }

        (_draft.Steps[index], _draft.Steps[target]) = (_draft.Steps[target], _draft.Steps[index]);
    }

    private void Remove(int index) => _draft.Steps.RemoveAt(index);

    private void Say(Severity severity, string message)
    {
        _messageSeverity = severity;
        _message = message;
        _fileProblems = [];
    }

    private static string ExportHref(string json) =>
        "data:application/json;charset=utf-8;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
