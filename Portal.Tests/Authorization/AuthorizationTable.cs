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

        foreach (var row in Page("/numbers", [PortalRoles.Admin, PortalRoles.Support]))
        {
            yield return row;
        }

        yield return new Row("GET", "/healthz", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/login", Anonymous, Access.Allowed);
        yield return new Row("GET", "/account/denied", Anonymous, Access.Allowed);
        yield return new Row("GET", "/error", Anonymous, Access.Allowed);
        yield return new Row("POST", "/account/logout", Anonymous, Access.SentToLogin);
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
