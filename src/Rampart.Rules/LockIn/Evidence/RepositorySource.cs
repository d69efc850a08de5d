namespace Rampart.Rules.LockIn.Evidence;

/// <summary>One package repository an image is configured to install from.</summary>
/// <param name="File">The configuration file that names it.</param>
/// <param name="Uri">The repository address as written.</param>
/// <param name="Host">Its host, lower case.</param>
/// <param name="Access">Who can install from it.</param>
/// <param name="Reason">Why it was classified so.</param>
internal sealed record RepositorySource(string File, string Uri, string Host, RepositoryAccess Access, string Reason);
