namespace Portal.Features.Users;

/// <summary>
/// A configuration change that was not made, with a message the person can act on. Pages show the message as it is,
/// so the service and the page always say the same thing.
/// </summary>
public sealed class ChangeRefused(string message) : Exception(message);
