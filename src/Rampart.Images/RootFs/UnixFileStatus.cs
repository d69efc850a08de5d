using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Rampart.Core.Files;

namespace Rampart.Images.RootFs;

/// <summary>
/// What <c>statx(2)</c> says about a path without following a final symlink. statx is used rather than lstat
/// because its struct has one layout on every architecture, so no per-architecture offsets are needed.
/// </summary>
internal readonly partial record struct UnixFileStatus(FileKind? Kind, UnixFileMode Mode, int Uid, int Gid, long Size, int Links, ulong Inode, ulong Device)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    /// <summary>Stats <paramref name="path"/>; throws <see cref="IOException"/> with the errno when it cannot.</summary>
    public static UnixFileStatus Get(string path)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            _ => (FileKind?)null,
        };
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]);
        return new UnixFileStatus(
            kind,
            (UnixFileMode)(mode & 0xFFF),
            unchecked((int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[20..])),
            unchecked((int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[24..])),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            device);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
