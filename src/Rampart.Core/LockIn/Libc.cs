namespace Rampart.Core.LockIn;

/// <summary>The C library an image's dynamic executables load, from the loaders present.</summary>
public enum Libc
{
    /// <summary>No loader: only static executables can run.</summary>
    None,
    Glibc,
    Musl,

    /// <summary>Loaders of both glibc and musl.</summary>
    Mixed,
}
