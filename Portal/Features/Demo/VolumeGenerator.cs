using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Rules;

namespace Portal.Features.Demo;

/// <summary>How much the generator writes.</summary>
public sealed record Volumes(int Contacts, int Users, int Numbers, int Sends, int Seed);

/// <summary>
/// Fills a database with the volumes of a large agency, for measuring: numbers of every kind, agents holding many
/// of them, contacts mostly assigned, and a history of sends that sets each contact's previous number. Everything is
/// written with COPY, and each generated row is marked (gen_ ids, generated.example.org emails).
/// </summary>
public sealed class VolumeGenerator(ILogger<VolumeGenerator> logger)
{
    private static readonly string[] FirstNames =
    [
        "Amara", "Ben", "Carla", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ivy", "Jack", "Kai", "Lucia", "Mia",
        "Nate", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Xavi", "Yara", "Zoë",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Baker", "Cruz", "Diaz", "Evans", "Ford", "Gomez", "Hale", "Ito", "Jones", "Khan", "Lopez",
        "Mills", "Nash", "Ortiz", "Park", "Reyes", "Shah", "Tran", "Vega", "Wong", "Young", "Ødegård", "Müller",
    ];

    private static readonly string[] Statuses = ["delivered", "delivered", "delivered", "sent", "undelivered"];

    public async Task<IReadOnlyList<string>> GenerateAsync(
        string connectionString, Volumes volumes, CancellationToken cancellationToken = default)
    {
        var report = new List<string>();
        var random = new Random(volumes.Seed);
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (await ScalarAsync(connection, "select count(*) from contacts where external_id like 'gen\\_%'") > 0)
        {
            throw new InvalidOperationException(
                "This database already holds generated contacts; generate into a fresh database "
                + "(for example: createdb portal_bench, then migrate) so that the figures stay comparable.");
        }

        var numberIds = await TimedAsync(report, $"{volumes.Numbers:N0} numbers",
            () => NumbersAsync(connection, volumes.Numbers, random, cancellationToken));
        var userIds = await TimedAsync(report, $"{volumes.Users:N0} users",
            () => UsersAsync(connection, volumes.Users, numberIds, random, cancellationToken));

        var sends = PlanSends(volumes, numberIds.Length, random);
        var previous = PreviousNumbers(volumes.Contacts, sends);
        var contactIds = await TimedAsync(report, $"{volumes.Contacts:N0} contacts",
            () => ContactsAsync(connection, volumes.Contacts, userIds, numberIds, previous, random, cancellationToken));
        await TimedAsync(report, $"{volumes.Sends:N0} sends",
            () => SendsAsync(connection, sends, contactIds, numberIds, cancellationToken));
        await TimedAsync(report, "default outbound number and analyze", async () =>
        {
            await ExecuteAsync(connection,
                $"update account_settings set default_outbound_number_id = {numberIds[0]} where id = 1 "
                + "and default_outbound_number_id is null; analyze");
            return 0;
        });
        return report;
    }

    private async Task<T> TimedAsync<T>(List<string> report, string what, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        var result = await step();
        report.Add($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
        DemoLog.Generated(logger, what, (long)clock.Elapsed.TotalMilliseconds);
        return result;
    }

    // Most numbers carry everything; some are voice-only or lack MMS, and a few were released.
    private static async Task<long[]> NumbersAsync(
        NpgsqlConnection connection, int count, Random random, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "copy numbers (e164, sid, friendly_name, capabilities, is_released, created_at) "
                         + "from stdin (format binary)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var kind = random.Next(100);
                var capabilities = kind switch
                {
                    < 5 => Capabilities.Voice,
                    < 12 => Capabilities.Sms | Capabilities.Voice,
                    _ => Capabilities.All,
                };
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(GeneratedNumber(i), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync($"PNgen{i:x27}", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync("generated", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((int)capabilities, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(i > 0 && random.Next(100) < 3, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return await IdsAsync(connection, "select id from numbers where friendly_name = 'generated' order by e164");
    }

    // The account's numbers: the fictional 555-01XX lines, a hundred to each area code from 300 up.
    private static string GeneratedNumber(int i) => $"+1{300 + i / 100}55501{i % 100:00}";

    private static async Task<string[]> UsersAsync(
        NpgsqlConnection connection, int count, long[] numberIds, Random random, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var inbound = numberIds.OrderBy(_ => random.Next()).Take(Math.Min(numberIds.Length - 1, count * 9 / 20))
            .Where(id => id != numberIds[0]).ToArray();
        var now = DateTime.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "copy \"AspNetUsers\" (id, display_name, is_active, created_at, user_name, "
                         + "normalized_user_name, email, normalized_email, email_confirmed, security_stamp, "
                         + "concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, "
                         + "access_failed_count, inbound_number_id) from stdin (format binary)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var email = $"agent{i}@generated.example.org";
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(ids[i], NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(
                    $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]} {i}",
                    NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                if (i < inbound.Length)
                {
                    await writer.WriteAsync(inbound[i], NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection,
            "insert into \"AspNetUserRoles\" (user_id, role_id) select u.id, r.id from \"AspNetUsers\" u "
            + "join \"AspNetRoles\" r on r.name = 'Agent' where u.email like '%@generated.example.org'");
        return ids;
    }

    private readonly record struct PlannedSend(int Contact, int Number, byte Channel, byte Status, long SentTicks);

    private static PlannedSend[] PlanSends(Volumes volumes, int numbers, Random random)
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var span = TimeSpan.FromDays(365).Ticks;
        var sends = new PlannedSend[volumes.Sends];
        for (var i = 0; i < sends.Length; i++)
        {
            var status = random.Next(100) switch
            {
                < 6 => (byte)Statuses.Length,
                < 8 => (byte)(Statuses.Length + 1),
                var other => (byte)(other % Statuses.Length),
            };
            sends[i] = new PlannedSend(random.Next(volumes.Contacts), random.Next(numbers), (byte)random.Next(3),
                status, start + random.NextInt64(span) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
        }

        Array.Sort(sends, (a, b) => a.SentTicks.CompareTo(b.SentTicks));
        return sends;
    }

    // P for each contact: the number of its latest counting send (sends are in time order, later rows win ties).
    private static int[] PreviousNumbers(int contacts, PlannedSend[] sends)
    {
        var previous = Enumerable.Repeat(-1, contacts).ToArray();
        foreach (var send in sends)
        {
            if (send.Status < Statuses.Length)
            {
                previous[send.Contact] = send.Number;
            }
        }

        return previous;
    }

    private static async Task<long[]> ContactsAsync(
        NpgsqlConnection connection, int count, string[] userIds, long[] numberIds, int[] previous, Random random,
        CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var start = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "copy contacts (external_id, first_name, last_name, email, phone, company, tags, "
                         + "assigned_user_id, assigned_at, previous_number_id, created_at, imported_at) "
                         + "from stdin (format binary)", cancellationToken))
        {
            for (var i = 0; i < count; i++)
            {
                var assigned = random.Next(100) < 70;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync($"gen_{i}", NpgsqlDbType.Text, cancellationToken);
                var first = FirstNames[random.Next(FirstNames.Length)];
                await writer.WriteAsync(first, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(LastNames[random.Next(LastNames.Length)], NpgsqlDbType.Text,
                    cancellationToken);
                await writer.WriteAsync($"contact{i}@generated.example.org", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"+1{200 + i / 9000}555{1000 + i % 9000}", NpgsqlDbType.Text,
                    cancellationToken);
                await writer.WriteNullAsync(cancellationToken);
                await writer.WriteNullAsync(cancellationToken);
                if (assigned)
                {
                    await writer.WriteAsync(userIds[random.Next(userIds.Length)], NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                    await writer.WriteNullAsync(cancellationToken);
                }

                if (previous[i] >= 0)
                {
                    await writer.WriteAsync(numberIds[previous[i]], NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }

                await writer.WriteAsync(start.AddMinutes(random.Next(3 * 365 * 24 * 60)), NpgsqlDbType.TimestampTz,
                    cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var ids = new long[count];
        await using var command = new NpgsqlCommand(
            "select id, substring(external_id from 5)::int from contacts where external_id like 'gen\\_%'",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetInt32(1)] = reader.GetInt64(0);
        }

        return ids;
    }

    private static async Task<int> SendsAsync(
        NpgsqlConnection connection, PlannedSend[] sends, long[] contactIds, long[] numberIds,
        CancellationToken cancellationToken)
    {
        string[] channels = ["sms", "mms", "voice"];
        string[] notCounting = ["failed", "canceled"];
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy sends (contact_id, from_number_id, \"to\", channel, sid, status, sent_at, recorded_at, source) "
            + "from stdin (format binary)", cancellationToken);
        for (var i = 0; i < sends.Length; i++)
        {
            var send = sends[i];
            var sentAt = new DateTime(send.SentTicks, DateTimeKind.Utc);
            var status = send.Status < Statuses.Length
                ? (send.Channel == 2 ? "completed" : Statuses[send.Status])
                : notCounting[send.Status - Statuses.Length];
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(contactIds[send.Contact], NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(numberIds[send.Number], NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteNullAsync(cancellationToken);
            await writer.WriteAsync(channels[send.Channel], NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync($"{(send.Channel == 2 ? "CA" : "SM")}gen{i:x27}", NpgsqlDbType.Text,
                cancellationToken);
            await writer.WriteAsync(status, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(sentAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(sentAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync("generated", NpgsqlDbType.Text, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
        return sends.Length;
    }

    private static async Task<long[]> IdsAsync(NpgsqlConnection connection, string sql)
    {
        var ids = new List<long>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
