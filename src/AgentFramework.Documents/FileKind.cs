using System.Runtime.InteropServices;
using System.Text;

namespace AgentFramework.Documents;

/// <summary>What a path names after following links.</summary>
public enum FileKindValue { Missing, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Other }

/// <summary>
/// The type of a file, so that only regular files are opened: opening a FIFO blocks until a writer appears and a
/// link to /dev/zero reads forever. .NET exposes no file type, so on Unix this asks the runtime's own native shim
/// (libSystem.Native's stat, whose FileStatus layout the runtime defines: Mode is the second int32).
/// </summary>
public static class FileKind
{
    private const int TypeMask = 0xF000, Fifo = 0x1000, CharDevice = 0x2000, Dir = 0x4000, BlockDevice = 0x6000, Regular = 0x8000, Socket = 0xC000;

    public static FileKindValue Of(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            return Directory.Exists(path) ? FileKindValue.Directory : File.Exists(path) ? FileKindValue.Regular : FileKindValue.Missing;
        var name = Encoding.UTF8.GetBytes(path + "\0");
        var status = new byte[512]; // larger than any runtime's FileStatus
        int result;
        try
        {
            result = Stat(name, status);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path) ? FileKindValue.Regular : Directory.Exists(path) ? FileKindValue.Directory : FileKindValue.Missing;
        }
        if (result != 0) return File.Exists(path) || Directory.Exists(path) ? FileKindValue.Other : FileKindValue.Missing;
        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            Regular => FileKindValue.Regular,
            Dir => FileKindValue.Directory,
            Fifo => FileKindValue.Fifo,
            CharDevice => FileKindValue.CharacterDevice,
            BlockDevice => FileKindValue.BlockDevice,
            Socket => FileKindValue.Socket,
            _ => FileKindValue.Other,
        };
    }

    /// <summary>"a FIFO (named pipe)", "a character device", … for messages.</summary>
    public static string Describe(FileKindValue kind) => kind switch
    {
        FileKindValue.Fifo => "a FIFO (named pipe)",
        FileKindValue.CharacterDevice => "a character device",
        FileKindValue.BlockDevice => "a block device",
        FileKindValue.Socket => "a socket",
        FileKindValue.Directory => "a folder",
        FileKindValue.Missing => "missing (a broken link?)",
        _ => "not a regular file",
    };

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(byte[] path, byte[] status);
}
