using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Cli;

/// <summary>The portal started on an address another program already listens on.</summary>
public sealed class AddressInUseTests
{
    [Fact]
    public void A_taken_address_is_named_with_what_to_do_and_the_portal_exits_69()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=portal;Timeout=2",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Logging__LogLevel__Default"] = "None",
        };

        var run = PortalCommand.Run(environment, "--urls", address);

        Assert.Equal(69, run.ExitCode);
        Assert.Contains($"Failed to bind to address {address}: address already in use.", run.Error);
        Assert.Contains("start with --urls and a free address", run.Error);
    }
}
