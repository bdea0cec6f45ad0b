using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text;
using SQLitePCL;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Watches two kinds of native calls on SQLite connections to one database file while it is not disposed: functions
/// and collations created or removed, and statements compiled. SQLitePCL's provider is wrapped in one that notes those
/// calls and forwards every call. Counted per native connection, so that what a pooled context's connection does once
/// is told apart from what is done again.
/// </summary>
public sealed class SqliteNativeCalls : IDisposable
{
    private static readonly ISQLite3Provider Native = new SQLite3Provider_e_sqlite3();
    private static readonly Lazy<ISQLite3Provider> Counting = new(() => CountingProvider(Native));
    private static readonly Lock Gate = new();
    private static SqliteNativeCalls? _current;

    private readonly string _file;
    private readonly ConditionalWeakTable<sqlite3, Dictionary<string, int>> _registered = [];
    private readonly ConditionalWeakTable<sqlite3, Dictionary<string, int>> _compiled = [];

    private SqliteNativeCalls(string file) => _file = Path.GetFullPath(file);

    /// <summary>Functions and collations created on a connection.</summary>
    public int Registrations { get; private set; }

    /// <summary>Functions and collations removed from a connection (Microsoft.Data.Sqlite does so when it closes one).</summary>
    public int Removals { get; private set; }

    /// <summary>Functions or collations created on a connection that already had them.</summary>
    public int RepeatedRegistrations { get; private set; }

    /// <summary>The SQL of each statement compiled (<c>sqlite3_prepare*</c>) on a connection that had already compiled it.</summary>
    public List<string> RepeatedStatements { get; } = [];

    public static SqliteNativeCalls Start(string databaseFile)
    {
        var calls = new SqliteNativeCalls(databaseFile);
        lock (Gate)
        {
            _current = calls;
        }

        raw.SetProvider(Counting.Value);
        return calls;
    }

    /// <summary>Called by the wrapping provider: not for tests to call.</summary>
    public static void Registering(sqlite3 db, byte[] name, object? function) => Note(db, calls =>
    {
        if (function is null)
        {
            calls.Removals++;
            calls._registered.GetOrCreateValue(db).Remove(Encoding.UTF8.GetString(name));
            return;
        }

        calls.Registrations++;
        calls.RepeatedRegistrations += Seen(calls._registered.GetOrCreateValue(db), Encoding.UTF8.GetString(name));
    });

    /// <summary>Called by the wrapping provider: not for tests to call.</summary>
    public static void Compiling(sqlite3 db, ReadOnlySpan<byte> sql)
    {
        var text = Encoding.UTF8.GetString(sql);
        Note(db, calls => calls.Compiled(db, text));
    }

    /// <summary>Called by the wrapping provider: not for tests to call.</summary>
    public static void Compiling(sqlite3 db, utf8z sql)
    {
        var text = sql.utf8_to_string();
        Note(db, calls => calls.Compiled(db, text));
    }

    public void Dispose()
    {
        raw.SetProvider(Native);
        lock (Gate)
        {
            _current = null;
        }
    }

    private static void Note(sqlite3 db, Action<SqliteNativeCalls> note)
    {
        var file = raw.sqlite3_db_filename(db, "main").utf8_to_string();
        lock (Gate)
        {
            if (_current is { } calls && file == calls._file)
            {
                note(calls);
            }
        }
    }

    private static int Seen(Dictionary<string, int> seen, string key)
    {
        var times = seen.GetValueOrDefault(key);
        seen[key] = times + 1;
        return times > 0 ? 1 : 0;
    }

    private void Compiled(sqlite3 db, string sql)
    {
        // Microsoft.Data.Sqlite also hands SQLite what follows a command's last ';' (EF ends its writes with a line
        // break) when it first compiles the command: no statement comes of it, and every such command shares that text.
        if (string.IsNullOrWhiteSpace(sql.TrimEnd('\0')))
        {
            return;
        }

        if (Seen(_compiled.GetOrCreateValue(db), sql) > 0)
        {
            RepeatedStatements.Add(sql);
        }
    }

    // ISQLite3Provider has some 150 methods, many taking ref structs: the forwarding type is emitted rather than written.
    private static ISQLite3Provider CountingProvider(ISQLite3Provider inner)
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("CountingSqliteProvider"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("CountingSqliteProvider");
        var type = module.DefineType("CountingProvider", TypeAttributes.Public | TypeAttributes.Sealed, typeof(object), [typeof(ISQLite3Provider)]);
        var innerField = type.DefineField("_inner", typeof(ISQLite3Provider), FieldAttributes.Private | FieldAttributes.InitOnly);
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(ISQLite3Provider)]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(object).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, innerField);
        il.Emit(OpCodes.Ret);

        foreach (var (method, index) in typeof(ISQLite3Provider).GetMethods().Select((method, index) => (method, index)))
        {
            var parameters = method.GetParameters().Select(parameter => parameter.ParameterType).ToArray();
            var forward = type.DefineMethod($"{method.Name}_{index}",
                MethodAttributes.Private | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
                method.ReturnType, parameters);
            il = forward.GetILGenerator();
            switch (method.Name)
            {
                // (db, name, arity, flags, state, function or step[, final]) and (db, name, state, comparison).
                case nameof(ISQLite3Provider.sqlite3_create_function) or nameof(ISQLite3Provider.sqlite3_create_collation):
                    il.Emit(OpCodes.Ldarg_1);
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Ldarg, (short)(method.Name == nameof(ISQLite3Provider.sqlite3_create_function) ? 6 : 4));
                    il.Emit(OpCodes.Call, typeof(SqliteNativeCalls).GetMethod(nameof(Registering))!);
                    break;
                case nameof(ISQLite3Provider.sqlite3_prepare_v2) or nameof(ISQLite3Provider.sqlite3_prepare_v3):
                    il.Emit(OpCodes.Ldarg_1);
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Call, typeof(SqliteNativeCalls).GetMethod(nameof(Compiling), [typeof(sqlite3), parameters[1]])!);
                    break;
            }

            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, innerField);
            for (short argument = 1; argument <= parameters.Length; argument++)
            {
                il.Emit(OpCodes.Ldarg, argument);
            }

            il.Emit(OpCodes.Callvirt, method);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(forward, method);
        }

        return (ISQLite3Provider)Activator.CreateInstance(type.CreateType(), inner)!;
    }
}
