using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rampart.Core.Files;

/// <summary>
/// The Linux file capabilities of a program: its <c>security.capability</c> extended attribute (the kernel's
/// <c>vfs_cap_data</c>), decoded. Running the program grants the permitted set (within the bounding set) and, with the
/// effective flag, raises it at once, whoever starts the program: a finer-grained setuid.
/// </summary>
/// <param name="Permitted">Capability bits granted on exec, bit n for capability n.</param>
/// <param name="Inheritable">Capability bits kept from the caller's inheritable set.</param>
/// <param name="Effective">Whether the granted capabilities are raised on exec (the program need not raise them itself).</param>
/// <param name="RootId">Revision 3 only: the host uid of the root of the user namespace the capabilities apply in.</param>
public sealed record FileCapabilities(ulong Permitted, ulong Inheritable, bool Effective, uint? RootId)
{
    /// <summary>The extended attribute that holds them.</summary>
    public const string AttributeName = "security.capability";

    private const uint RevisionMask = 0xFF000000;
    private const uint EffectiveFlag = 0x000001;

    // libcap's flag bits (1 << CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE), which order getcap's groups.
    private const int E = 1;
    private const int P = 2;
    private const int I = 4;

    /// <summary>Names by capability number, as linux/capability.h defines them up to CAP_LAST_CAP (40).</summary>
    private static readonly string[] Names =
    [
        "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid", "cap_kill", "cap_setgid",
        "cap_setuid", "cap_setpcap", "cap_linux_immutable", "cap_net_bind_service", "cap_net_broadcast", "cap_net_admin",
        "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module", "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace",
        "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot", "cap_sys_nice", "cap_sys_resource", "cap_sys_time",
        "cap_sys_tty_config", "cap_mknod", "cap_lease", "cap_audit_write", "cap_audit_control", "cap_setfcap",
        "cap_mac_override", "cap_mac_admin", "cap_syslog", "cap_wake_alarm", "cap_block_suspend", "cap_audit_read",
        "cap_perfmon", "cap_bpf", "cap_checkpoint_restore",
    ];

    /// <summary>
    /// Decodes a <c>vfs_cap_data</c>: a little-endian <c>magic_etc</c> word (revision in the top byte, the effective flag in
    /// bit 0), then permitted and inheritable words, one pair for revision 1 (12 bytes), two for revisions 2 (20 bytes) and
    /// 3 (24 bytes, then the root uid). Null when the bytes are not one, as the kernel would refuse them.
    /// </summary>
    public static FileCapabilities? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
        {
            return null;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(value);
        var (words, length) = (magic & RevisionMask) switch
        {
            0x01000000 => (1, 12),
            0x02000000 => (2, 20),
            0x03000000 => (2, 24),
            _ => (0, -1),
        };
        if (value.Length != length)
        {
            return null;
        }

        ulong permitted = 0, inheritable = 0;
        for (var i = 0; i < words; i++)
        {
            permitted |= (ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(4 + (8 * i))..]) << (32 * i);
            inheritable |= (ulong)BinaryPrimitives.ReadUInt32LittleEndian(value[(8 + (8 * i))..]) << (32 * i);
        }

        uint? rootId = length == 24 ? BinaryPrimitives.ReadUInt32LittleEndian(value[20..]) : null;
        return new FileCapabilities(permitted, inheritable, (magic & EffectiveFlag) != 0, rootId);
    }

    /// <summary>The capabilities granted on exec, by name (<c>cap_net_raw</c>), lowest number first.</summary>
    public IReadOnlyList<string> PermittedNames =>
        Enumerable.Range(0, 64).Where(n => Has(Permitted, n)).Select(NameOf).ToList();

    /// <summary><c>cap_</c> and the kernel's name, or the number for a capability newer than this table.</summary>
    public static string NameOf(int capability) =>
        capability < Names.Length ? Names[capability] : capability.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// What <c>getcap -n</c> prints (libcap 2.66): the flag combination most capabilities share as the <c>=</c> base, then
    /// each other combination as a comma-separated group with the flags it adds (<c>+</c>) and drops (<c>-</c>), groups
    /// in libcap's order; "= a+ep" is shortened to "a=ep". A nonzero root uid follows as <c>[rootid=N]</c>.
    /// </summary>
    public override string ToString()
    {
        Span<int> histogram = stackalloc int[8];
        for (var n = 0; n < Names.Length; n++)
        {
            histogram[FlagsOf(n)]++;
        }

        var common = 7;
        for (var t = 6; t >= 0; t--)
        {
            if (histogram[t] >= histogram[common])
            {
                common = t;
            }
        }

        var text = new StringBuilder("=").Append(Letters(common));
        for (var t = 7; t >= 0; t--)
        {
            if (t == common || histogram[t] == 0)
            {
                continue;
            }

            var names = string.Join(',', Enumerable.Range(0, Names.Length).Where(n => FlagsOf(n) == t).Select(NameOf));
            if (text.Length == 1)
            {
                // The base is a bare "=": "= names+ep" reads as "names=ep".
                text.Clear().Append(names).Append('=').Append(Letters(t));
            }
            else
            {
                text.Append(' ').Append(names);
                AppendChange(text, '+', t & ~common);
            }

            AppendChange(text, '-', ~t & common);
        }

        for (var t = 7; t > 0; t--)
        {
            var unnamed = Enumerable.Range(Names.Length, 64 - Names.Length).Where(n => FlagsOf(n) == t).ToList();
            if (unnamed.Count > 0)
            {
                text.Append(' ').AppendJoin(',', unnamed).Append('+').Append(Letters(t));
            }
        }

        return RootId is { } root and not 0 ? string.Create(CultureInfo.InvariantCulture, $"{text} [rootid={root}]") : text.ToString();
    }

    private static bool Has(ulong set, int capability) => ((set >> capability) & 1) != 0;

    private static void AppendChange(StringBuilder text, char operation, int flags)
    {
        if ((flags & 7) != 0)
        {
            text.Append(operation).Append(Letters(flags));
        }
    }

    private static string Letters(int flags) =>
        ((flags & E) != 0 ? "e" : string.Empty) + ((flags & I) != 0 ? "i" : string.Empty) + ((flags & P) != 0 ? "p" : string.Empty);

    /// <summary>The flags of one capability as libcap loads a file: effective follows permitted or inheritable when the flag is set.</summary>
    private int FlagsOf(int capability)
    {
        var permitted = Has(Permitted, capability);
        var inheritable = Has(Inheritable, capability);
        return (Effective && (permitted || inheritable) ? E : 0) | (permitted ? P : 0) | (inheritable ? I : 0);
    }
}
