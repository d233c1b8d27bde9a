using System.Net;
using System.Net.Sockets;
using Portal.Cli;

namespace Portal.Tests.Cli;

/// <summary>The verbs that need the database, run as processes against an address where nothing listens.</summary>
public sealed class DatabaseUnavailableTests
{
    private const string Password = "not-to-be-printed";

    [Theory]
    [InlineData("migrate")]
    [InlineData("create-admin", "--email", "root@example.com")]
    [InlineData("create-api-key", "--name", "CRM sender", "--scope", "write")]
    public void A_database_verb_names_the_database_it_could_not_reach_in_one_line_and_exits_69(params string[] args)
    {
        var port = PortNobodyListensOn();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] =
                $"Host=127.0.0.1;Port={port};Username=postgres;Password={Password};Database=portal;Timeout=5",
        };

        var run = PortalCommand.Run(environment, args);

        Assert.Equal(CommandLine.DatabaseUnavailable, run.ExitCode);
        var lines = (run.Output + run.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"127.0.0.1:{port}", line);
        Assert.DoesNotContain(Password, line);
    }

    private static int PortNobodyListensOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
