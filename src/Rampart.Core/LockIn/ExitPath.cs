namespace Rampart.Core.LockIn;

/// <summary>The way out: the mainstream base nearest to the image, and what would have to be replaced to move there.</summary>
/// <param name="Base">The nearest mainstream base (<c>debian:12</c>, <c>alpine</c>, <c>registry.access.redhat.com/ubi9</c>), or <c>scratch</c>.</param>
/// <param name="Reason">Why that base: shared package format, libc and naming.</param>
/// <param name="PackagesWithoutCounterpart">Installed OS package names with no counterpart in the base's package names.</param>
/// <param name="CounterpartDataShipped">
/// Whether Rampart ships the base's package names; when not, <paramref name="PackagesWithoutCounterpart"/> is empty
/// for want of data, not because everything has a counterpart.
/// </param>
public sealed record ExitPath(
    string Base,
    string Reason,
    IReadOnlyList<string> PackagesWithoutCounterpart,
    bool CounterpartDataShipped);
