using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Rules;
using Portal.Features.Sends;
using static Portal.Tests.Authorization.AuthorizationTable;

namespace Portal.Tests.Sends;

/// <summary>
/// The service behind each send action refuses the roles the authorization table refuses, whatever a page shows.
/// </summary>
public sealed class SendActionAuthorizationTests : IClassFixture<SendingPortal>
{
    private readonly SendingPortal _portal;

    public SendActionAuthorizationTests(SendingPortal portal)
    {
        _portal = portal;
        _portal.Twilio.Reset();
    }

    public static TheoryData<string, string, Access> Table() =>
        ActionsAsTheoryData(SendTestMessage, CheckSendWithTwilio);

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_send_action_admits_exactly_the_roles_in_the_table(string action, string who, Access expected)
    {
        var contact = await _portal.AddContactAsync();
        _portal.Twilio.Accepts("queued");
        var sent = await _portal.SendAsync("Admin", contact, Channel.Sms);
        _portal.Twilio.Reset();
        _portal.Twilio.Accepts("queued").Reports(sent.Sid!, "delivered");
        await using var scope = _portal.App.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<TestSender>();

        var answer = action == SendTestMessage
            ? (await sender.SendAsync(SendingPortal.As(who), contact, Channel.Sms)).Message
            : await sender.CheckTwilioAsync(SendingPortal.As(who), sent.SendId!.Value);

        if (expected == Access.Allowed)
        {
            Assert.NotEqual(TestSender.NotAnAdmin, answer);
            Assert.Single(_portal.Twilio.Requests);
        }
        else
        {
            Assert.Equal(TestSender.NotAnAdmin, answer);
            Assert.Empty(_portal.Twilio.Requests);
            Assert.Single(await _portal.SendsOfAsync(contact));
        }
    }
}
