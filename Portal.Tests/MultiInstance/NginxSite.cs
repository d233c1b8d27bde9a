namespace Portal.Tests.MultiInstance;

/// <summary>
/// The part of nginx's configuration that puts portal processes behind one address, as the README shows it.
/// </summary>
public static class NginxSite
{
    public static string Http(IEnumerable<string> portals, string listen) =>
        $$"""
              # Blazor Server keeps each user's page on one process (its circuit), so a user sticks to one: by the
              # login cookie once there is one, else by address.
              map $http_cookie $portal_affinity {
                  "~portal\.auth=(?<session>[^;]+)" $session;
                  default $remote_addr;
              }

              map $http_upgrade $connection_upgrade {
                  default upgrade;
                  '' close;
              }

              upstream portal {
                  hash $portal_affinity consistent;
          {{string.Join("\n", portals.Select(p => $"        server {p} max_fails=1 fail_timeout=10s;"))}}
              }

              server {
                  listen {{listen}};

                  location / {
                      proxy_pass http://portal;
                      proxy_http_version 1.1;
                      proxy_set_header Upgrade $http_upgrade;
                      proxy_set_header Connection $connection_upgrade;
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $http_host;
                      proxy_read_timeout 1h;
                      proxy_next_upstream error timeout;
                  }
              }
          """;
}
