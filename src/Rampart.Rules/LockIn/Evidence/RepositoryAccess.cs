namespace Rampart.Rules.LockIn.Evidence;

/// <summary>Who can install from a package repository.</summary>
internal enum RepositoryAccess
{
    /// <summary>Anyone, from a distribution's or OS vendor's public archive.</summary>
    Public,

    /// <summary>Anyone, but only one image vendor publishes there.</summary>
    PublicVendor,

    /// <summary>Only with an account, token or subscription.</summary>
    Private,

    /// <summary>A host Rampart does not know.</summary>
    Unknown,
}
