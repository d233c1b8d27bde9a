namespace Portal.Database.Api;

/// <summary>A key the CRM's pipeline uses for the JSON API. Only its hash is stored; the key is shown once.</summary>
public class ApiKey
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, shown in lists so a key can be recognised.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public string Hash { get; set; } = "";

    /// <summary>read or write.</summary>
    public string Scope { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
