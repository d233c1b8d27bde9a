using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Database;
using Portal.Domain.Rules;
using Portal.Features.Contacts;
using Portal.Features.Contacts.Import;
using Portal.Features.Home;
using Portal.Features.Impact;
using Portal.Features.Live;
using Portal.Infrastructure;

// Server-side timings of the contacts grid, the dashboard and the contacts import against a generated database
// (see bench/README.md): each figure is query plus resolution, measured in this process, without rendering.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Portal")
                       ?? throw new InvalidOperationException("Set ConnectionStrings__Portal to a generated database.");
var what = args.Length > 0 ? args[0] : "all";

PortalDbContext NewContext()
{
    var options = new DbContextOptionsBuilder<PortalDbContext>();
    options.UsePortalDatabase(connectionString);
    return new PortalDbContext(options.Options);
}

var phones = new PhoneSpelling("US");
var admin = new ContactViewer("bench", SeesEveryone: true, MayAssign: true);

if (what is "all" or "pages")
{
    await using var setup = NewContext();
    var someUser = await setup.Users.Where(u => u.InboundNumberId != null).OrderBy(u => u.Email)
        .Select(u => new { u.Id, u.InboundNumberId }).FirstAsync();
    var scenarios = new (string Name, ContactFilter Filter, ContactSort Sort, bool Descending)[]
    {
        ("sorted by name", new ContactFilter(), ContactSort.Name, false),
        ("sorted by phone", new ContactFilter(), ContactSort.Phone, false),
        ("sorted by assigned user", new ContactFilter(), ContactSort.AssignedUser, false),
        ("sorted by created, newest first", new ContactFilter(), ContactSort.Created, true),
        ("filtered by assigned user", new ContactFilter(AssignedUserId: someUser.Id), ContactSort.Name, false),
        ("filtered by rule previous-number", new ContactFilter(Rule: RuleId.PreviousNumber), ContactSort.Name, false),
        ("filtered by effective number", new ContactFilter(EffectiveNumberId: someUser.InboundNumberId),
            ContactSort.Name, false),
        ("sorted by effective number", new ContactFilter(), ContactSort.EffectiveNumber, false),
        ("sorted by rule", new ContactFilter(), ContactSort.Rule, false),
    };

    Console.WriteLine("| scenario (pages 1-20 of 50 rows) | median ms | p95 ms | max ms | total shown |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    foreach (var (name, filter, sort, descending) in scenarios)
    {
        var timings = new List<double>();
        var total = "";
        for (var page = -1; page < 20; page++)
        {
            await using var db = NewContext();
            var directory = new ContactDirectory(db, phones);
            var clock = Stopwatch.StartNew();
            var result = await directory.PageAsync(
                new ContactPageRequest(filter, sort, descending, Math.Max(page, 0), 50), admin);
            clock.Stop();

            // Page -1 is a warm-up of the same first page, so connection setup is not counted.
            if (page >= 0)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }

            total = result switch
            {
                { TotalIsLowerBound: true } => $"more than {ContactDirectory.ExactCountLimit:N0}",
                { TotalIsEstimate: true } => $"about {result.Total:N0} (estimate)",
                _ => $"{result.Total:N0}",
            };
        }

        timings.Sort();
        Console.WriteLine($"| {name} | {Percentile(timings, 50):F0} | {Percentile(timings, 95):F0} | "
                          + $"{timings[^1]:F0} | {total} |");
    }
}

if (what is "all" or "dashboard")
{
    var timings = new List<double>();
    for (var run = 0; run < 4; run++)
    {
        await using var db = NewContext();
        var clock = Stopwatch.StartNew();
        var figures = await new DashboardFigures(db).ReadAsync();
        if (run > 0)
        {
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        if (run == 3)
        {
            Console.WriteLine($"Dashboard ({figures.Contacts:N0} contacts, {figures.PerNumber.Count} numbers): "
                              + $"median {Percentile(timings.Order().ToList(), 50):F0} ms, max {timings.Max():F0} ms "
                              + "over 3 runs after a warm-up");
        }
    }
}

if (what is "all" or "import")
{
    var rows = args.Length > 1 ? int.Parse(args[1]) : 100_000;
    var csv = ImportFile(rows);
    await using var db = NewContext();
    var import = new ContactCsvImport(db, phones, new InputChanges(NullLogger<InputChanges>.Instance),
        NullLogger<ContactCsvImport>.Instance);
    var clock = Stopwatch.StartNew();
    var result = await import.ImportAsync(new StringReader(csv), Actor.System("bench"));
    Console.WriteLine($"Import of {rows:N0} CSV rows: {clock.Elapsed.TotalSeconds:F1} s "
                      + $"({result.Imported:N0} imported, {result.AlreadyPresent:N0} already there, "
                      + $"{result.Problems.Count:N0} reported)");
}

if (what is "all" or "impact")
{
    // The impact preview of the widest change: a new default outbound number touches every contact.
    await using var setup = NewContext();
    var contacts = await setup.Contacts.CountAsync();
    var numberIds = await setup.Numbers.Where(n => !n.IsReleased).OrderBy(n => n.Id).Select(n => n.Id).Take(4)
        .ToListAsync();
    var timings = new List<double>();
    foreach (var numberId in numberIds)
    {
        await using var db = NewContext();
        var clock = Stopwatch.StartNew();
        var report = await new ImpactPreview(db, NullLogger<ImpactPreview>.Instance)
            .PreviewAsync(new ConfigChange.SetDefault(numberId));
        timings.Add(clock.Elapsed.TotalMilliseconds);
        Console.WriteLine($"Impact preview of a new default over {report.ContactsConsidered:N0} contacts: "
                          + $"{clock.ElapsedMilliseconds} ms ({report.SmsChanged:N0} SMS and "
                          + $"{report.VoiceChanged:N0} voice numbers would change)");
    }

    timings.Sort();
    Console.WriteLine($"{contacts:N0} contacts: fastest {timings[0]:F0} ms, "
                      + $"median {Percentile(timings, 50):F0} ms, max {timings[^1]:F0} ms");
}

static double Percentile(List<double> sorted, int percent) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];

// A CRM export as agencies send it: phones in several spellings, owners by email, a date in US form. The phones
// use area codes the generator leaves free, so every row is new to the generated database (once).
static string ImportFile(int rows)
{
    string[] spellings = ["({0}) 555-{1}", "{0}.555.{1}", "+1 {0} 555 {1}", "1 {0} 555 {1}", "{0}555{1}"];
    var text = new StringBuilder("Contact Id,First Name,Last Name,Email,Phone,Company,Tags,Assigned To,Created Date\n");
    int[] areas = [404, 405, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419];
    var run = DateTime.UtcNow.Ticks % 1_000_000;
    for (var i = 0; i < rows; i++)
    {
        var phone = string.Format(spellings[i % spellings.Length], areas[i / 9000 % areas.Length], 1000 + i % 9000);
        text.Append($"imp{run}_{i},Import,Person {i},import{run}.{i}@example.net,{phone},\"Acme, Inc\",lead,")
            .Append($"agent{i % 2000}@generated.example.org,0{1 + i % 9}/1{i % 9}/2024\n");
    }

    return text.ToString();
}
