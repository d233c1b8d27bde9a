using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Database.Numbers;
using Portal.Domain.Rules;
using Portal.Features.Users;

namespace Portal.Tests.Users;

// One database for the whole story: the sample file imported before the numbers exist, then after, then again.
public sealed class SampleUsersImportTests(UsersWorld world) : IClassFixture<UsersWorld>
{
    private static readonly string[] Holders =
    [
        "elif.yilmaz", "grace.moreau", "hiro.tanaka", "ines.garcia", "jonas.berg", "lena.fischer", "marco.rossi",
        "noor.haddad", "olga.petrova", "pat.quinn",
    ];

    [Fact]
    public async Task The_sample_file_sets_inbound_numbers_once_the_numbers_exist_and_a_third_import_changes_nothing()
    {
        var beforeNumbers = await ImportSampleAsync();

        Assert.Equal((16, 0, 0), (beforeNumbers.Created, beforeNumbers.AlreadyPresent, beforeNumbers.InboundSet));
        Assert.Equal(10, beforeNumbers.Problems.Count);
        Assert.All(beforeNumbers.Problems, p =>
        {
            Assert.Equal(UserCsvImport.InboundColumn, p.Column);
            Assert.EndsWith("is not one of the account's numbers; sync the numbers from Twilio first, or correct the "
                            + "number.", p.Message);
        });
        Assert.Contains(beforeNumbers.Problems, p => p.Line == 6 && p.Message.StartsWith("+1 202 555 0114 "));

        await SeedSampleNumbersAsync();
        var afterNumbers = await ImportSampleAsync();

        Assert.Equal((0, 16, 10), (afterNumbers.Created, afterNumbers.AlreadyPresent, afterNumbers.InboundSet));
        Assert.Empty(afterNumbers.Problems);
        await using (var db = world.Db())
        {
            var held = await db.Users.Where(u => u.InboundNumber != null)
                .Select(u => new { u.Email, u.InboundNumber!.E164, u.InboundNumber.Capabilities }).ToListAsync();
            Assert.Equal(Holders.Order(), held.Select(h => h.Email!.Split('@')[0]).Order());
            var pat = held.Single(h => h.Email == "pat.quinn@example.com");
            Assert.Equal(("+12025550190", Capabilities.Voice), (pat.E164, pat.Capabilities));
            Assert.Equal("+447700900110", held.Single(h => h.Email == "olga.petrova@example.com").E164);
        }

        var auditsBefore = await AuditCountAsync();
        var again = await ImportSampleAsync();

        Assert.Equal((0, 16, 0), (again.Created, again.AlreadyPresent, again.InboundSet));
        Assert.Empty(again.Problems);
        Assert.Equal(auditsBefore, await AuditCountAsync());
    }

    private async Task<UserCsvImport.Result> ImportSampleAsync()
    {
        await using var scope = world.Portal.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<UserCsvImport>();
        using var csv = File.OpenText(Path.Combine(SamplesFolder(), "users.csv"));
        return await import.ImportAsync(csv, "Sample-Password-1!", CancellationToken.None);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = world.Db();
        return await db.AuditEvents.CountAsync();
    }

    private async Task SeedSampleNumbersAsync()
    {
        await using var db = world.Db();
        foreach (var page in Directory.GetFiles(Path.Combine(SamplesFolder(), "twilio"), "*.json"))
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(page));
            foreach (var number in json.RootElement.GetProperty("incoming_phone_numbers").EnumerateArray())
            {
                var capabilities = number.GetProperty("capabilities");
                db.Numbers.Add(new TwilioNumber
                {
                    E164 = number.GetProperty("phone_number").GetString()!,
                    Capabilities = (capabilities.GetProperty("sms").GetBoolean() ? Capabilities.Sms : 0)
                                   | (capabilities.GetProperty("mms").GetBoolean() ? Capabilities.Mms : 0)
                                   | (capabilities.GetProperty("voice").GetBoolean() ? Capabilities.Voice : 0),
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }
        }

        await db.SaveChangesAsync();
    }

    private static string SamplesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "samples", "users.csv")))
            {
                return Path.Combine(folder.FullName, "samples");
            }
        }

        throw new DirectoryNotFoundException("samples/users.csv was not found above " + AppContext.BaseDirectory);
    }
}
