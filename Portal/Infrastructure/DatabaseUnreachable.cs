using Npgsql;

namespace Portal.Infrastructure;

/// <summary>
/// Tells a database that did not answer (stopped, unreachable, refusing connections) from one that answered with an
/// error: only the first is worth trying again shortly.
/// </summary>
public static class DatabaseUnreachable
{
    /// <summary>True when the exception, or one it wraps, says the database could not be reached.</summary>
    public static bool Caused(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // The server answered: only its "shutting down", "starting up" and "too many connections" count.
                case PostgresException answered:
                    return answered.SqlState.StartsWith("57P", StringComparison.Ordinal)
                           || answered.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || answered.SqlState == PostgresErrorCodes.TooManyConnections;

                // Npgsql's own exceptions without a server answer: refused, reset, timed out, pool exhausted.
                case NpgsqlException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Where the connection string points, for messages: host and port, never the password.</summary>
    public static string Address(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{connection.Host ?? "localhost"}:{connection.Port}";
    }
}
