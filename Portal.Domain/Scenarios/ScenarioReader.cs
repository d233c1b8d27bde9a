using System.Text.Json;

namespace Portal.Domain.Scenarios;

// Reads a scenario document in one pass, collecting every problem with its path. What later parts refer to
// (declared numbers, users, contacts, who holds which inbound number, which numbers are owned) is tracked
// as it is read, and the steps update it, so a step is checked against the state it would meet when run.
internal sealed partial class ScenarioReader
{
    private readonly List<ScenarioProblem> problems = [];

    // Each declared number with the path that declared it, and whether the account owns it at this point.
    private readonly Dictionary<string, string> declaredNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> owned = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> declaredUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> declaredContacts = new(StringComparer.Ordinal);

    // Who holds which inbound number at this point, both ways round.
    private readonly Dictionary<string, string> inboundByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> userByInbound = new(StringComparer.Ordinal);

    // When a whole list is missing or broken, references into it are not reported again as undeclared.
    private bool numbersKnown = true;
    private bool usersKnown = true;
    private bool contactsKnown = true;

    public IReadOnlyList<ScenarioProblem> Problems => problems;

    public Scenario? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            ReportType(RootPath, "one JSON object with name, numbers, users, contacts and steps", root);
            return null;
        }

        RejectUnknownProperties(root, RootPath,
            "name", "numbers", "defaultOutbound", "users", "contacts", "steps");

        var name = RequiredText(root, RootPath, "name", "say in a sentence what the scenario shows.");
        var numbers = ReadNumbers(root);
        var defaultOutbound = ReadDefaultOutbound(root);
        var users = ReadUsers(root);
        var contacts = ReadContacts(root);
        var steps = ReadSteps(root);

        if (problems.Count > 0 || name is null)
        {
            return null;
        }

        return new Scenario(name, numbers, defaultOutbound, users, contacts, steps);
    }

    private List<ScenarioNumber> ReadNumbers(JsonElement root)
    {
        var numbers = new List<ScenarioNumber>();
        var items = ReadList(root, "numbers",
            "list every number the scenario names, such as [{ \"number\": \"+12025550100\", \"capabilities\": "
            + "[\"sms\"] }].");
        numbersKnown = items is not null;

        var index = 0;
        foreach (var item in items ?? [])
        {
            var path = Item("numbers", index++);
            if (!IsObject(item, path, "{ \"number\": \"+12025550100\", \"capabilities\": [\"sms\"] }"))
            {
                continue;
            }

            RejectUnknownProperties(item, path, "number", "capabilities", "released");
            var number = RequiredNumber(item, path, "number",
                "give the number in E.164 form, such as \"+12025550100\".");
            var capabilities = RequiredCapabilities(item, path);
            var released = ReadReleased(item, path);
            if (number is null)
            {
                continue;
            }

            if (declaredNumbers.TryGetValue(number, out var firstPath))
            {
                Report(Child(path, "number"), $"{number} is listed twice (also {firstPath}); list each number once.");
                continue;
            }

            declaredNumbers[number] = path;
            owned[number] = released != true;
            if (capabilities is { } known && released is { } isReleased)
            {
                numbers.Add(new ScenarioNumber(number, known, isReleased));
            }
        }

        return numbers;
    }

    private bool? ReadReleased(JsonElement item, string path)
    {
        if (!item.TryGetProperty("released", out var released) || released.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (released.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return released.GetBoolean();
        }

        ReportType(Child(path, "released"), "true or false", released);
        return null;
    }

    private string? ReadDefaultOutbound(JsonElement root)
    {
        if (!TryOptionalNumber(root, RootPath, "defaultOutbound", out var number) || number is null)
        {
            return null;
        }

        CheckDeclaredNumber(number, "defaultOutbound");
        return number;
    }

    private List<ScenarioUser> ReadUsers(JsonElement root)
    {
        var users = new List<ScenarioUser>();
        var items = ReadList(root, "users", "list the users, such as [{ \"id\": \"alice\" }], or [] for none.");
        usersKnown = items is not null;

        var index = 0;
        foreach (var item in items ?? [])
        {
            var path = Item("users", index++);
            if (!IsObject(item, path, "{ \"id\": \"alice\", \"inbound\": \"+12025550101\" }"))
            {
                continue;
            }

            RejectUnknownProperties(item, path, "id", "inbound");
            var id = ReadNewId(item, path, "user", declaredUsers);
            var inboundValid = TryOptionalNumber(item, path, "inbound", out var inbound);
            if (inbound is not null)
            {
                inboundValid = CheckDeclaredNumber(inbound, Child(path, "inbound"));
            }

            if (id is null || !inboundValid)
            {
                continue;
            }

            if (inbound is not null && !TryGiveInbound(id, inbound, Child(path, "inbound"), "in users"))
            {
                continue;
            }

            users.Add(new ScenarioUser(id, inbound));
        }

        return users;
    }

    private List<ScenarioContact> ReadContacts(JsonElement root)
    {
        var contacts = new List<ScenarioContact>();
        var items = ReadList(root, "contacts", "list the contacts, such as [{ \"id\": \"c1\" }], or [] for none.");
        contactsKnown = items is not null;

        var index = 0;
        foreach (var item in items ?? [])
        {
            var path = Item("contacts", index++);
            if (!IsObject(item, path, "{ \"id\": \"c1\", \"assignedTo\": \"alice\" }"))
            {
                continue;
            }

            RejectUnknownProperties(item, path, "id", "assignedTo", "previous");
            var id = ReadNewId(item, path, "contact", declaredContacts);
            var assignedTo = ReadOptionalUser(item, path);
            var previousValid = TryOptionalNumber(item, path, "previous", out var previous);
            if (previous is not null)
            {
                previousValid = CheckDeclaredNumber(previous, Child(path, "previous"));
            }

            if (id is not null && assignedTo.Valid && previousValid)
            {
                contacts.Add(new ScenarioContact(id, assignedTo.Id, previous));
            }
        }

        return contacts;
    }

    private (bool Valid, string? Id) ReadOptionalUser(JsonElement item, string path)
    {
        if (!item.TryGetProperty("assignedTo", out var assignedTo) || assignedTo.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        var userPath = Child(path, "assignedTo");
        var id = Text(assignedTo, userPath);

        return id is not null && CheckDeclaredUser(id, userPath) ? (true, id) : (false, null);
    }

    private IEnumerable<JsonElement>? ReadList(JsonElement root, string name, string missingHint)
    {
        if (!TryGet(root, RootPath, name, missingHint, out var list) || !IsArray(list, name))
        {
            return null;
        }

        return list.EnumerateArray();
    }

    private string? ReadNewId(JsonElement item, string path, string kind, Dictionary<string, string> declared)
    {
        var id = RequiredText(item, path, "id", $"give the {kind} an id that steps can refer to.");
        if (id is null)
        {
            return null;
        }

        if (declared.TryGetValue(id, out var firstPath))
        {
            Report(Child(path, "id"),
                $"The id \"{id}\" is used twice (also {firstPath}); give each {kind} its own id.");
            return null;
        }

        declared[id] = path;
        return id;
    }

    private bool CheckDeclaredNumber(string number, string path)
    {
        if (!numbersKnown || declaredNumbers.ContainsKey(number))
        {
            return true;
        }

        Report(path, $"{number} is not declared in numbers; add it there.");
        return false;
    }

    private bool CheckDeclaredUser(string id, string path)
    {
        if (!usersKnown || declaredUsers.ContainsKey(id))
        {
            return true;
        }

        Report(path, $"No user has the id \"{id}\"; declare the user in users or use one of its ids.");
        return false;
    }

    private bool CheckDeclaredContact(string id, string path)
    {
        if (!contactsKnown || declaredContacts.ContainsKey(id))
        {
            return true;
        }

        Report(path, $"No contact has the id \"{id}\"; declare the contact in contacts or use one of its ids.");
        return false;
    }

    // A number is the inbound number of at most one user; "where" says whether this is the start or a step.
    private bool TryGiveInbound(string user, string? number, string path, string where)
    {
        if (number is not null && userByInbound.TryGetValue(number, out var holder) && holder != user)
        {
            Report(path, $"{number} is already {holder}'s inbound number {where}, and a number is the inbound "
                + $"number of at most one user; clear {holder}'s first or choose another number.");
            return false;
        }

        if (inboundByUser.Remove(user, out var old))
        {
            userByInbound.Remove(old);
        }

        if (number is not null)
        {
            inboundByUser[user] = number;
            userByInbound[number] = user;
        }

        return true;
    }
}
