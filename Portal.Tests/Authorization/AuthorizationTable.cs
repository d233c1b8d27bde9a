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

        /// <summary>Refused with 403 and nothing changes: a webhook whose signature is missing or wrong.</summary>
        Forbidden,
    }

    public const string Anonymous = "anonymous";

    /// <summary>Who calls the JSON API: no key, a key that is not valid, a read key or a write key.</summary>
    public enum ApiCaller
    {
        NoKey,
        WrongKey,
        ReadKey,
        WriteKey,
        CookieOnly,
    }

    public sealed record ApiRow(string Method, string Path, ApiCaller Caller, int ExpectedStatus);

    public sealed record Row(string Method, string Path, string Who, Access Expected, bool InMenu = false);

    /// <summary>A request with no cookie, signed with the account's auth token as Twilio signs its webhooks.</summary>
    public const string SignedByTwilio = "signed by Twilio";


    /// <summary>An action taken inside a page's circuit, which the service behind it checks again.</summary>
    public sealed record ActionRow(string Action, string Who, Access Expected);

    public const string SendTestMessage = "send a test message or place a test call";

    public const string CheckSendWithTwilio = "ask Twilio for a send's status";

    private static readonly string[] Everyone = [PortalRoles.Admin, PortalRoles.Support, PortalRoles.Agent];

    public static IEnumerable<Row> Rows()
    {
        var pages = Page("/", Everyone)
            .Concat(Page("/settings/api-keys", [PortalRoles.Admin]))
            .Concat(Page("/simulator", [PortalRoles.Admin, PortalRoles.Support]))
            .Concat(Page("/why", [PortalRoles.Admin, PortalRoles.Support]))
            .Concat(Page("/why/1", [PortalRoles.Admin, PortalRoles.Support], inMenu: false))
            .Concat(Page("/users", [PortalRoles.Admin, PortalRoles.Support]))
            .Concat(Page("/audit", [PortalRoles.Admin, PortalRoles.Support]));
        foreach (var row in pages)
        {
            yield return row;
        }

        yield return new Row("GET", "/openapi/v1.json", Anonymous, Access.Allowed);

        // Every role opens the contacts page; what an agent sees there and who may assign is in Actions().
        foreach (var row in Page("/contacts", Everyone))
        {
            yield return row;
        }

        foreach (var row in Page("/numbers", [PortalRoles.Admin, PortalRoles.Support]))
        {
            yield return row;
        }

        yield return new Row("GET", "/healthz", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/login", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/denied", Anonymous, Access.Allowed);
        yield return new Row("GET", "/error", Anonymous, Access.Allowed);
        yield return new Row("POST", "/account/logout", Anonymous, Access.SentToLogin);

        // An agent opens a contact's page too, but sees only their own contacts there (Sends/ContactPageTests).
        foreach (var row in Page("/contacts/1", Everyone, inMenu: false))
        {
            yield return row;
        }

        yield return new Row("POST", "/twilio/status", Anonymous, Access.Forbidden);
        yield return new Row("POST", "/twilio/status", SignedByTwilio, Access.Allowed);
    }

    /// <summary>Actions inside pages (Blazor events, not requests), each checked by the service doing it.</summary>
    public static IEnumerable<ActionRow> Actions()
    {
        foreach (var action in new[] { SendTestMessage, CheckSendWithTwilio })
        {
            foreach (var role in Everyone)
            {
                var expected = role == PortalRoles.Admin ? Access.Allowed : Access.NotAuthorized;
                yield return new ActionRow(action, role, expected);
            }
        }

        foreach (var row in ContactActions())
        {
            yield return row;
        }
    }

    /// <summary>The JSON API: refusals answer 401 or 403 with problem details, never a login redirect.</summary>
    public static IEnumerable<ApiRow> ApiRows()
    {
        const string outbound = "/api/v1/contacts/{contact}/outbound-number?channel=sms";
        const string sends = "/api/v1/contacts/{contact}/sends";
        const string simulate = "/api/v1/simulate";
        foreach (var (method, path, write) in new[] { ("GET", outbound, false), ("POST", sends, true),
                     ("POST", simulate, false) })
        {
            yield return new ApiRow(method, path, ApiCaller.NoKey, 401);
            yield return new ApiRow(method, path, ApiCaller.WrongKey, 401);
            yield return new ApiRow(method, path, ApiCaller.CookieOnly, 401);
            yield return new ApiRow(method, path, ApiCaller.ReadKey, write ? 403 : 200);
            yield return new ApiRow(method, path, ApiCaller.WriteKey, write ? 201 : 200);
        }
    }

    public const string AssignContacts = "assign contacts";

    public const string SeeOthersContacts = "see contacts assigned to someone else";

    /// <summary>Actions inside the contacts page; tests call the services, as a forged circuit event would.</summary>
    private static IEnumerable<ActionRow> ContactActions()
    {
        yield return new ActionRow(AssignContacts, PortalRoles.Admin, Access.Allowed);
        yield return new ActionRow(AssignContacts, PortalRoles.Support, Access.NotAuthorized);
        yield return new ActionRow(AssignContacts, PortalRoles.Agent, Access.NotAuthorized);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Admin, Access.Allowed);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Support, Access.Allowed);
        yield return new ActionRow(SeeOthersContacts, PortalRoles.Agent, Access.NotAuthorized);
    }

    /// <summary>The action rows for the given actions, for the feature test that exercises them.</summary>
    public static TheoryData<string, string, Access> ActionsAsTheoryData(params string[] actions)
    {
        var data = new TheoryData<string, string, Access>();
        foreach (var row in Actions().Where(r => actions.Contains(r.Action)))
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
    private static IEnumerable<Row> Page(string path, string[] allowed, bool inMenu = true)
    {
        yield return new Row("GET", path, Anonymous, Access.SentToLogin);
        foreach (var role in Everyone)
        {
            var access = allowed.Contains(role) ? Access.Allowed : Access.NotAuthorized;
            yield return new Row("GET", path, role, access, inMenu && access == Access.Allowed);
        }
    }
}
