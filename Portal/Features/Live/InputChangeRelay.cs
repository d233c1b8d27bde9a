using System.Text.Json;
using Npgsql;

namespace Portal.Features.Live;

/// <summary>
/// Carries input changes between portal instances with PostgreSQL's NOTIFY on one channel. Each message names the
/// instance that sent it, so that instance's listener skips it: its own subscribers heard of it already.
/// </summary>
public sealed class InputChangeRelay(IConfiguration configuration, ILogger<InputChangeRelay> logger)
{
    public const string Channel = "portal_input_changes";

    // NOTIFY payloads are limited to 8000 bytes; a change to more contacts is sent as "possibly many".
    private const int MaxContactsInMessage = 400;

    public Guid InstanceId { get; } = Guid.NewGuid();

    public async Task SendAsync(InputChange change)
    {
        var payload = Encode(change);
        try
        {
            await NotifyAsync(payload);
        }
        catch (NpgsqlException)
        {
            // After a database restart the pool still holds connections to the old server; a fresh one works.
            NpgsqlConnection.ClearAllPools();
            try
            {
                await NotifyAsync(payload);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // Limitation: when the database is unreachable right after a commit, other instances do not hear
                // of the change; their listeners reload every page when they reconnect, which covers a restart.
                LiveLog.RelayFailed(logger, change.Kind, exception.Message);
            }
        }
    }

    private async Task NotifyAsync(string payload)
    {
        await using var connection = new NpgsqlConnection(PortalApp.ConnectionString(configuration));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync();
    }

    public string Encode(InputChange change)
    {
        var contacts = change.Contacts.Count <= MaxContactsInMessage ? change.Contacts : [];
        return JsonSerializer.Serialize(new Message(InstanceId, change.Kind, contacts));
    }

    /// <summary>The change in another instance's message; null for this instance's own or a foreign one.</summary>
    public InputChange? Decode(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            return message is null || message.Instance == InstanceId || !Enum.IsDefined(message.Kind)
                ? null
                : new InputChange(message.Kind, message.Contacts ?? []);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Message(Guid Instance, InputChangeKind Kind, IReadOnlyList<long>? Contacts);
}
