namespace Portal.Domain.Rules;

/// <summary>The rules of DESIGN.md §1, numbered in the order they are checked.</summary>
public enum RuleId
{
    /// <summary>Rule 1, <c>assigned-user-inbound</c>: the assigned user's inbound number.</summary>
    AssignedUserInbound = 1,

    /// <summary>Rule 2, <c>previous-number</c>: the From number of the contact's latest counting send.</summary>
    PreviousNumber = 2,

    /// <summary>Rule 3, <c>assigned-user-default</c>: the default, for an assigned contact.</summary>
    AssignedUserDefault = 3,

    /// <summary>Rule 4, <c>unassigned-default</c>: the default, for an unassigned contact.</summary>
    UnassignedDefault = 4,

    /// <summary>Rule 5, <c>none</c>: nothing above yields a number.</summary>
    None = 5,
}
