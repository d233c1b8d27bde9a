using Microsoft.EntityFrameworkCore;
using Portal.Database;
using Portal.Database.Contacts;
using Portal.Database.Identity;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Contacts;
using Portal.Features.Home;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Contacts;

/// <summary>
/// The rules exist twice, in C# for pages and in SQL for whole-table questions; on random data the two must agree
/// for every contact, channel and default.
/// </summary>
public sealed class SqlRulesAgreeWithResolverTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Contacts = 1200;

    [Theory]
    [InlineData(20261204)]
    [InlineData(7)]
    public async Task Sql_view_and_resolver_agree_row_for_row_on_random_contacts(int seed)
    {
        await using var db = database.CreateDbContext();
        var random = new Random(seed);
        var numbers = await RandomWorldAsync(db, random);
        var seen = new HashSet<string>();

        foreach (var fallback in numbers.Cast<TwilioNumber?>().Prepend(null))
        {
            await SetDefaultAsync(db, fallback);

            var engine = await EngineAsync(db);
            var sql = await SqlAsync(db);

            Assert.Equal(Contacts, sql.Count);
            foreach (var (contactId, expected) in engine)
            {
                Assert.True(expected == sql[contactId],
                    $"seed {seed}, default {fallback?.E164 ?? "none"}, contact {contactId}: engine {expected}, "
                    + $"SQL {sql[contactId]}");
            }

            seen.UnionWith(await PathsAsync(db));
        }

        var everyPath = new[] { Channel.Sms, Channel.Voice }
            .SelectMany(channel => Enum.GetValues<RuleId>().Select(rule => $"{channel} {rule}"))
            .Concat(["skipped released", "skipped lacks-sms", "skipped lacks-voice"]);
        Assert.Empty(everyPath.Except(seen));
    }

    [Theory]
    [InlineData(20261204)]
    [InlineData(11)]
    public async Task Rule_and_number_conditions_pick_exactly_the_contacts_the_resolver_gives(int seed)
    {
        await using var db = database.CreateDbContext();
        var random = new Random(seed);
        var numbers = await RandomWorldAsync(db, random);

        foreach (var fallback in numbers.Cast<TwilioNumber?>().Prepend(null))
        {
            await SetDefaultAsync(db, fallback);
            var facts = (await db.FactsOf(db.Contacts).ToListAsync()).ToDictionary(r => r.ContactId, r => r.ToFacts());

            foreach (var channel in new[] { Channel.Sms, Channel.Voice })
            {
                var buckets = await ResolutionBuckets.ReadAsync(db, channel);
                var engine = facts.ToDictionary(f => f.Key, f => Resolver.Resolve(f.Value, channel));
                var context = $"seed {seed}, default {fallback?.E164 ?? "none"}, {channel}";

                foreach (var rule in Enum.GetValues<RuleId>())
                {
                    var picked = await db.Contacts.Where(buckets.OfRule(rule)).Select(c => c.Id).ToListAsync();
                    var expected = engine.Where(e => e.Value.Rule == rule).Select(e => e.Key);
                    Assert.True(expected.Order().SequenceEqual(picked.Order()), $"{context}, rule {rule}");
                }

                foreach (var number in numbers)
                {
                    var picked = await db.Contacts.Where(buckets.OfNumber(number.Id)).Select(c => c.Id).ToListAsync();
                    var expected = engine.Where(e => e.Value.From == number.E164).Select(e => e.Key);
                    Assert.True(expected.Order().SequenceEqual(picked.Order()), $"{context}, number {number.E164}");
                }
            }
        }
    }

    [Fact]
    public async Task The_one_contact_look_up_reads_the_same_facts_as_the_page_projection()
    {
        await using var db = database.CreateDbContext();
        var numbers = await RandomWorldAsync(db, new Random(5));

        foreach (var fallback in new[] { null, numbers[0], numbers[^1] })
        {
            await SetDefaultAsync(db, fallback);
            var projected = await db.FactsOf(db.Contacts).ToListAsync();
            var externalIds = await db.Contacts.ToDictionaryAsync(c => c.Id, c => c.ExternalId);

            foreach (var expected in projected)
            {
                Assert.Equal(expected, await db.FactsOfAsync(expected.ContactId));
                Assert.Equal(expected, await db.FactsOfAsync(externalIds[expected.ContactId]));
            }
        }

        Assert.Null(await db.FactsOfAsync(-1));
        Assert.Null(await db.FactsOfAsync("no-such-contact"));
    }

    [Fact]
    public async Task Dashboard_counts_per_number_and_rule_equal_the_resolver_counting_contact_by_contact()
    {
        await using var db = database.CreateDbContext();
        var numbers = await RandomWorldAsync(db, new Random(3));

        foreach (var fallback in numbers.Cast<TwilioNumber?>().Prepend(null))
        {
            await SetDefaultAsync(db, fallback);
            var engine = (await EngineAsync(db)).Values.Select(v => v.Sms).ToList();

            var dashboard = await new DashboardFigures(db).ReadAsync();

            var context = $"default {fallback?.E164 ?? "none"}";
            foreach (var rule in Enum.GetValues<RuleId>())
            {
                Assert.True(engine.Count(r => r.Rule == rule) == dashboard.PerRule[rule], $"{context}, rule {rule}");
            }

            var expected = engine.GroupBy(r => r.From).ToDictionary(g => g.Key ?? "none", g => g.Count());
            Assert.Equal(expected, dashboard.PerNumber.ToDictionary(n => n.E164 ?? "none", n => n.Contacts));
        }
    }

    // Numbers of every kind, users holding some of them, contacts assigned or not, contacted from any of them.
    private async Task<List<TwilioNumber>> RandomWorldAsync(PortalDbContext db, Random random)
    {
        await db.Database.ExecuteSqlRawAsync(
            "delete from sends; delete from assignment_changes; delete from contacts; "
            + "update account_settings set default_outbound_number_id = null; "
            + "update \"AspNetUsers\" set inbound_number_id = null; delete from \"AspNetUsers\"; delete from numbers");
        var now = DateTimeOffset.UtcNow;
        var kinds = new[]
        {
            Capabilities.All, Capabilities.Sms | Capabilities.Voice, Capabilities.Voice, Capabilities.Sms,
            Capabilities.Sms | Capabilities.Mms, Capabilities.None,
        };
        var numbers = Enumerable.Range(0, 12).Select(i => new TwilioNumber
        {
            E164 = $"+1202555{i:0000}",
            Capabilities = kinds[i % kinds.Length],
            IsReleased = i >= 8 || random.Next(5) == 0,
            CreatedAt = now,
        }).ToList();
        db.Numbers.AddRange(numbers);

        var inbound = numbers.OrderBy(_ => random.Next()).Take(8).ToList();
        var users = Enumerable.Range(0, 12).Select(i => new PortalUser
        {
            UserName = $"user{i}@example.com",
            Email = $"user{i}@example.com",
            DisplayName = $"User {i}",
            InboundNumber = i < inbound.Count ? inbound[i] : null,
        }).ToList();
        db.Users.AddRange(users);

        for (var i = 0; i < Contacts; i++)
        {
            db.Contacts.Add(new Contact
            {
                ExternalId = $"random_{i}",
                AssignedUser = random.Next(3) == 0 ? null : users[random.Next(users.Count)],
                PreviousNumber = random.Next(3) == 0 ? null : numbers[random.Next(numbers.Count)],
                CreatedAt = now,
                ImportedAt = now,
            });
        }

        await db.SaveChangesAsync();
        return numbers;
    }

    private static async Task SetDefaultAsync(PortalDbContext db, TwilioNumber? fallback)
    {
        await db.AccountSettings.ExecuteUpdateAsync(s =>
            s.SetProperty(x => x.DefaultOutboundNumberId, fallback == null ? null : fallback.Id));
    }

    private static async Task<Dictionary<long, (Resolution Sms, Resolution Voice)>> EngineAsync(PortalDbContext db)
    {
        var rows = await db.FactsOf(db.Contacts).ToListAsync();
        return rows.ToDictionary(r => r.ContactId, r =>
        {
            var facts = r.ToFacts();
            return (Resolver.Resolve(facts, Channel.Sms), Resolver.Resolve(facts, Channel.Voice));
        });
    }

    private static async Task<Dictionary<long, (Resolution Sms, Resolution Voice)>> SqlAsync(PortalDbContext db)
    {
        var rows = await (
            from resolution in db.ContactResolutions
            join sms in db.Numbers on resolution.SmsNumberId equals sms.Id into smsNumbers
            from sms in smsNumbers.DefaultIfEmpty()
            join voice in db.Numbers on resolution.VoiceNumberId equals voice.Id into voiceNumbers
            from voice in voiceNumbers.DefaultIfEmpty()
            select new
            {
                resolution.ContactId,
                resolution.SmsRule,
                Sms = sms == null ? null : sms.E164,
                resolution.VoiceRule,
                Voice = voice == null ? null : voice.E164,
            }).ToListAsync();
        return rows.ToDictionary(r => r.ContactId,
            r => (new Resolution(r.Sms, r.SmsRule), new Resolution(r.Voice, r.VoiceRule)));
    }

    // Which rules applied and which skips happened, read from the explaining resolver's traces.
    private static async Task<IEnumerable<string>> PathsAsync(PortalDbContext db)
    {
        var rows = await db.FactsOf(db.Contacts).ToListAsync();
        return rows.SelectMany(r => new[] { Channel.Sms, Channel.Voice }.SelectMany(channel =>
        {
            var explained = Resolver.Explain(r.ToFacts(), channel);
            return explained.Trace
                .Where(t => t.Outcome == RuleOutcome.Skipped)
                .Select(t => $"skipped {WireCodes.Of(t.Reason!.Value)}")
                .Append($"{channel} {explained.Resolution.Rule}");
        })).ToHashSet();
    }
}
