using Portal.Domain.Rules;

namespace Portal.Domain.Scenarios;

/// <summary>Runs a scenario's steps on its starting state, resolving with the same rules as the portal.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs a scenario that <see cref="ScenarioParser"/> accepted.</summary>
    /// <exception cref="InvalidOperationException">A step refers to something that is not declared.</exception>
    public static ScenarioRun Run(Scenario scenario)
    {
        var state = new State(scenario);
        var results = new List<StepResult>();

        for (var index = 0; index < scenario.Steps.Count; index++)
        {
            var step = scenario.Steps[index];
            if (step is ResolvingStep resolving)
            {
                results.Add(Resolve(state, index, resolving));
            }
            else
            {
                state.Apply(step);
            }
        }

        return new ScenarioRun(scenario.Name, results);
    }

    private static StepResult Resolve(State state, int index, ResolvingStep step)
    {
        var facts = state.FactsOf(step.Contact);
        var resolution = Resolver.Explain(in facts, step.Channel);

        if (step is SendStep && resolution.From is { } from)
        {
            state.Contact(step.Contact).Previous = from;
        }

        return new StepResult(index, step.Kind, step.Contact, step.Channel, resolution, step.Expect);
    }

    private sealed class ContactState
    {
        public string? AssignedTo { get; set; }

        public string? Previous { get; set; }
    }

    private sealed class State
    {
        private readonly Dictionary<string, NumberFacts> numbers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> inboundByUser = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ContactState> contacts = new(StringComparer.Ordinal);
        private string? defaultOutbound;

        public State(Scenario scenario)
        {
            foreach (var number in scenario.Numbers)
            {
                numbers[number.Number] = new NumberFacts(number.Number, number.Released, number.Capabilities);
            }

            foreach (var user in scenario.Users)
            {
                inboundByUser[user.Id] = user.Inbound;
            }

            foreach (var contact in scenario.Contacts)
            {
                contacts[contact.Id] = new ContactState
                {
                    AssignedTo = contact.AssignedTo,
                    Previous = contact.Previous,
                };
            }

            defaultOutbound = scenario.DefaultOutbound;
        }

        public ContactFacts FactsOf(string contactId)
        {
            var contact = Contact(contactId);
            var inbound = contact.AssignedTo is { } user ? InboundOf(user) : null;

            return new ContactFacts(contact.AssignedTo is not null, Facts(inbound), Facts(contact.Previous),
                Facts(defaultOutbound));
        }

        public ContactState Contact(string id) =>
            contacts.TryGetValue(id, out var contact) ? contact : throw Undeclared("contact", id);

        public void Apply(ScenarioStep step)
        {
            switch (step)
            {
                case AssignStep assign:
                    RequireUser(assign.User);
                    Contact(assign.Contact).AssignedTo = assign.User;
                    break;
                case UnassignStep unassign:
                    Contact(unassign.Contact).AssignedTo = null;
                    break;
                case SetInboundStep setInbound:
                    RequireUser(setInbound.User);
                    inboundByUser[setInbound.User] = setInbound.Number;
                    break;
                case SetDefaultStep setDefault:
                    defaultOutbound = setDefault.Number;
                    break;
                case ReleaseStep release:
                    numbers[release.Number] = Facts(release.Number)!.Value with { IsReleased = true };
                    break;
                case AcquireStep acquire:
                    numbers[acquire.Number] = NumberFacts.Owned(acquire.Number, acquire.Capabilities);
                    break;
            }
        }

        private void RequireUser(string user)
        {
            if (!inboundByUser.ContainsKey(user))
            {
                throw Undeclared("user", user);
            }
        }

        private string? InboundOf(string user) =>
            inboundByUser.TryGetValue(user, out var inbound) ? inbound : throw Undeclared("user", user);

        private NumberFacts? Facts(string? number)
        {
            if (number is null)
            {
                return null;
            }

            return numbers.TryGetValue(number, out var facts) ? facts : throw Undeclared("number", number);
        }

        private static InvalidOperationException Undeclared(string kind, string id) =>
            new($"The scenario refers to the {kind} {id} but does not declare it; read scenarios with ScenarioParser.");
    }
}
