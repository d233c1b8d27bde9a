using Microsoft.AspNetCore.Components;
using Portal.Features.Live;

namespace Portal.Features.Why;

public partial class WhyPage
{
    [Parameter]
    public long? ContactId { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    private string? Query { get; set; }

    [Inject]
    private ContactLookup Lookup { get; set; } = default!;

    [Inject]
    private WhyThisNumber Why { get; set; } = default!;

    [Inject]
    private InputChanges Changes { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private string? _query;
    private string? _searched;
    private LookupResult? _lookup;
    private ContactExplanation? _explanation;
    private bool _loaded;
    private IDisposable? _subscription;

    protected override void OnInitialized() =>
        _subscription = Changes.Subscribe(change => InvokeAsync(() => ReloadIfAffectedAsync(change)));

    protected override async Task OnParametersSetAsync()
    {
        if (ContactId is { } id)
        {
            _explanation = await Why.ExplainAsync(id);
        }
        else
        {
            _explanation = null;
        }

        _loaded = true;
        if (!string.IsNullOrWhiteSpace(Query) && _searched != Query)
        {
            _query = Query;
            await FindAsync(Query);
        }
    }

    private Task SearchAsync() => FindAsync(_query ?? "");

    private async Task FindAsync(string query)
    {
        _searched = query.Trim();
        _lookup = await Lookup.FindAsync(query);
        if (_lookup.Matches.Count == 1)
        {
            var id = _lookup.Matches[0].Id;
            _lookup = null;
            Navigation.NavigateTo($"why/{id}");
        }
    }

    private async Task ReloadIfAffectedAsync(InputChange change)
    {
        if (ContactId is not { } id || (change.Contacts.Count > 0 && !change.Contacts.Contains(id)))
        {
            return;
        }

        _explanation = await Why.ExplainAsync(id);
        StateHasChanged();
    }

    public void Dispose() => _subscription?.Dispose();
}
