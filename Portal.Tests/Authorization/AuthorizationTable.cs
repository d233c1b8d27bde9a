using Portal.Database.Identity;

namespace Portal.Tests.Authorization;

/// <summary>
/// Who may open what. Every page, handler and endpoint of the portal has a row; a feature that adds one adds a row.
/// </summary>
public static class AuthorizationTable
{
    public enum Access
    {
        /// <summary>The request is served.</summary>
        Allowed,

        /// <summary>An anonymous visitor is sent to the login page.</summary>
        SentToLogin,

        /// <summary>A logged-in user without the role is told they are not authorized.</summary>
        NotAuthorized,
    }

    public const string Anonymous = "anonymous";

    public sealed record Row(string Method, string Path, string Who, Access Expected);

    private static readonly string[] Everyone = [PortalRoles.Admin, PortalRoles.Support, PortalRoles.Agent];

    public static IEnumerable<Row> Rows()
    {
        foreach (var row in Page("/", Everyone))
        {
            yield return row;
        }

        // Every role opens the contacts page; what an agent sees there and who may assign is in Actions().
        foreach (var row in Page("/contacts", Everyone))
        {
            yield return row;
        }

        yield return new Row("GET", "/healthz", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/login", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/denied", Anonymous, Access.Allowed);
        yield return new Row("GET", "/error", Anonymous, Access.Allowed);
        yield return new Row("POST", "/account/logout", Anonymous, Access.SentToLogin);
    }

    /// <summary>An action inside a page (a Blazor event, not a request), checked by the service doing it.</summary>
    public sealed record ActionRow(string Action, string Who, Access Expected);

    public const string AssignContacts = "assign contacts";

    public const string SeeOthersContacts = "see contacts assigned to someone else";

    /// <summary>Actions inside pages; their tests call the services, as a forged circuit event would.</summary>
    public static IEnumerable<ActionRow> Actions()
    {
        yield return new ActionRow(AssignContacts, PortalRoles.Admin, Access.Allowed);
        yield return new ActionRow(AssignContacts, PortalRoles.Support, Access.NotAuthorized);
        yield return new ActionRow(AssignContacts, PortalRoles.Agent, Access.NotAuthorized);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Admin, Access.Allowed);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Support, Access.Allowed);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Agent, Access.NotAuthorized);
    }

    public static TheoryData<string, string, Access> ActionsAsTheoryData()
    {
        var data = new TheoryData<string, string, Access>();
        foreach (var row in Actions())
        {
            data.Add(row.Action, row.Who, row.Expected);
        }

        return data;
    }

    public static TheoryData<string, string, string, Access> AsTheoryData()
    {
        var data = new TheoryData<string, string, string, Access>();
        foreach (var row in Rows())
        {
            data.Add(row.Method, row.Path, row.Who, row.Expected);
        }

        return data;
    }

    /// <summary>A page: anonymous visitors go to login, the listed roles get it, the other roles are refused.</summary>
    private static IEnumerable<Row> Page(string path, string[] allowed)
    {
        yield return new Row("GET", path, Anonymous, Access.SentToLogin);
        foreach (var role in Everyone)
        {
            yield return new Row("GET", path, role, allowed.Contains(role) ? Access.Allowed : Access.NotAuthorized);
        }
    }
}
