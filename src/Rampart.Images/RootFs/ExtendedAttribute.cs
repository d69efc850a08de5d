using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rampart.Images.RootFs;

/// <summary>Reads one extended attribute of a path itself, never of a symlink's target (<c>lgetxattr(2)</c>).</summary>
internal static partial class ExtendedAttribute
{
    private const int ENODATA = 61;
    private const int EOPNOTSUPP = 95;

    /// <summary>
    /// The value of <paramref name="name"/> on <paramref name="path"/>; null when the path has no such attribute or its
    /// filesystem keeps none. Throws <see cref="IOException"/> with the errno otherwise.
    /// </summary>
    public static byte[]? Get(string path, string name)
    {
        var size = Lgetxattr(path, name, ref Unsafe.NullRef<byte>(), 0);
        if (size < 0)
        {
            return Missing(path, name);
        }

        var value = new byte[size];
        if (size > 0)
        {
            size = Lgetxattr(path, name, ref value[0], value.Length);
            if (size < 0)
            {
                return Missing(path, name);
            }
        }

        return value[..(int)size];
    }

    private static byte[]? Missing(string path, string name)
    {
        var errno = Marshal.GetLastPInvokeError();
        return errno is ENODATA or EOPNOTSUPP
            ? null
            : throw new IOException($"cannot read the {name} attribute of {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint Lgetxattr(string path, string name, ref byte value, nint size);
}
