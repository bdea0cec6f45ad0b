using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using SQLitePCL;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the functions and collations created on, or removed from, native SQLite connections to one database file,
/// while it is not disposed: SQLitePCL's provider is wrapped in one that counts those calls and forwards every call.
/// </summary>
public sealed class SqliteFunctionRegistrations : IDisposable
{
    private static readonly ISQLite3Provider Native = new SQLite3Provider_e_sqlite3();
    private static readonly Lazy<ISQLite3Provider> Counting = new(() => CountingProvider(Native));
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

    private readonly string _file;

    private SqliteFunctionRegistrations(string file)
    {
        _file = Path.GetFullPath(file);
        Counts[_file] = 0;
        raw.SetProvider(Counting.Value);
    }

    public int Count => Counts[_file];

    public static SqliteFunctionRegistrations Start(string databaseFile) => new(databaseFile);

    /// <summary>Called by the wrapping provider before each registration or removal: not for tests to call.</summary>
    public static void Registered(sqlite3 db)
    {
        var file = raw.sqlite3_db_filename(db, "main").utf8_to_string();
        if (file is not null && Counts.ContainsKey(file))
        {
            Counts.AddOrUpdate(file, 1, static (_, count) => count + 1);
        }
    }

    public void Dispose()
    {
        raw.SetProvider(Native);
        Counts.TryRemove(_file, out _);
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

        var registered = typeof(SqliteFunctionRegistrations).GetMethod(nameof(Registered))!;
        foreach (var (method, index) in typeof(ISQLite3Provider).GetMethods().Select((method, index) => (method, index)))
        {
            var parameters = method.GetParameters().Select(parameter => parameter.ParameterType).ToArray();
            var forward = type.DefineMethod($"{method.Name}_{index}",
                MethodAttributes.Private | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
                method.ReturnType, parameters);
            il = forward.GetILGenerator();
            if (method.Name is nameof(ISQLite3Provider.sqlite3_create_function) or nameof(ISQLite3Provider.sqlite3_create_collation))
            {
                il.Emit(OpCodes.Ldarg_1);
                il.Emit(OpCodes.Call, registered);
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
