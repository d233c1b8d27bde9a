using System.Diagnostics;

namespace Portal.Tests.MultiInstance;

/// <summary>
/// Debian's nginx in front of portal processes, on loopback, with a configuration and prefix of its own in a temporary
/// directory (not the system service): sticky by the login cookie, WebSockets passed through, forwarded headers set,
/// as the README shows. Each request's upstream is logged, so a test can tell which process served it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static async Task<NginxProxy> StartAsync(IEnumerable<int> upstreamPorts)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
                    ?? throw new InvalidOperationException(
                        "nginx is not installed: run the tests with ./test, which installs Debian's nginx as root.");
        var directory = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
        var port = PortalProcess.FreePort();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(directory, port, upstreamPorts));

        var start = new ProcessStartInfo(nginx)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-p", directory, "-c", config, "-e", Path.Combine(directory, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = new NginxProxy(Process.Start(start)!, directory, port);
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>
    /// The upstream (127.0.0.1:port) that served the latest request whose path starts with the prefix: the last one
    /// nginx tried, when the first it chose was down.
    /// </summary>
    public async Task<string?> LastUpstreamForAsync(string pathPrefix)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(_directory, "access.log"));
        return lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .LastOrDefault(fields => fields.Length >= 3 && fields[1].StartsWith(pathPrefix, StringComparison.Ordinal))
            ?[^1];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 50 && !_process.HasExited; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(BaseUrl + "/healthz");
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        var errors = File.Exists(Path.Combine(_directory, "error.log"))
            ? await File.ReadAllTextAsync(Path.Combine(_directory, "error.log"))
            : "";
        throw new InvalidOperationException($"nginx did not start on port {Port}: {errors}");
    }

    // One process, in the foreground, so that the test owns it and stopping it leaves nothing behind.
    private static string Configuration(string directory, int port, IEnumerable<int> upstreamPorts) =>
        $$"""
          daemon off;
          master_process off;
          worker_processes 1;
          pid {{directory}}/nginx.pid;
          events { worker_connections 256; }
          http {
              client_body_temp_path {{directory}}/client_body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              log_format upstream '$status $request_uri $upstream_addr';
              access_log {{directory}}/access.log upstream;

          {{NginxSite.Http(upstreamPorts.Select(p => $"127.0.0.1:{p}"), $"127.0.0.1:{port}")}}
          }
          """;
}
