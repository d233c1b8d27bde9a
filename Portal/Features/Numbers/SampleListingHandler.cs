using System.Net;
using System.Text;
using System.Web;

namespace Portal.Features.Numbers;

/// <summary>
/// Stands in for api.twilio.com in demo mode: answers the SDK's IncomingPhoneNumbers requests with the pages saved in
/// a folder (samples/twilio), so a demo sync goes through the SDK's real request and parsing code. The page asked for
/// (the Page query parameter, 0 when absent) is the file at that position in name order.
/// </summary>
public sealed class SampleListingHandler(string folder) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method != HttpMethod.Get || !uri.AbsolutePath.EndsWith("/IncomingPhoneNumbers.json"))
        {
            return Error(HttpStatusCode.NotFound, $"The demo answers only the number listing, not {uri.AbsolutePath}.");
        }

        var pages = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var asked = HttpUtility.ParseQueryString(uri.Query)["Page"] ?? "0";
        if (!int.TryParse(asked, out var page) || page < 0 || page >= pages.Count)
        {
            return Error(HttpStatusCode.NotFound, $"The demo has no page {asked} in {folder}.");
        }

        var json = await File.ReadAllTextAsync(pages[page], cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string message)
    {
        var text = HttpUtility.JavaScriptStringEncode(message);
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(
                $$"""{"code": 20404, "message": "{{text}}", "status": {{(int)status}}}""", Encoding.UTF8,
                "application/json"),
        };
    }
}
