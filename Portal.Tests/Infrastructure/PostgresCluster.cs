using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Portal.Database;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, in a temporary directory that is removed on dispose.
/// As root the cluster belongs to the postgres account (initdb refuses root) and lives under /var/tmp.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>Creates the database (as the portal would on first start) and applies every migration.</summary>
    public async Task<string> MigratedDatabaseAsync(string database)
    {
        var connectionString = ConnectionString(database);
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        options.UsePortalDatabase(connectionString);
        await using var db = new PortalDbContext(options.Options);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin();
        var directory = Path.Combine("/var/tmp", "portal-test-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], asOwner: false);
        }

        var cluster = new PostgresCluster(bin, directory, FreePort());
        await RunAsync(Path.Combine(bin, "initdb"),
        [
            "-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
            "--no-sync",
        ]);
        await cluster.StartServerAsync();
        return cluster;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public Task StartServerAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"),
        [
            "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=300",
            "start",
        ]);

    public Task StopServerAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The PostgreSQL server programs: PORTAL_PG_BIN when ./test set it, else Debian's newest.</summary>
    internal static string FindBin()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL's server programs were not found; run the tests with ./test, which installs them.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asOwner = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = asOwner && IsRoot ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        if (asOwner && IsRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
