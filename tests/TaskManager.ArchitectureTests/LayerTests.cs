using System.Reflection;
using NetArchTest.Rules;

namespace TaskManager.ArchitectureTests;

/// <summary>The layer rule: dependencies point inwards, Domain depends on nothing.</summary>
public sealed class LayerTests
{
    private const string Domain = "TaskManager.Domain";
    private const string Application = "TaskManager.Application";
    private const string Infrastructure = "TaskManager.Infrastructure";
    private const string WebApi = "TaskManager.WebApi";

    private static readonly Assembly DomainAssembly = typeof(Domain.Tasks.TaskItem).Assembly;
    private static readonly Assembly ApplicationAssembly = typeof(Application.DependencyInjection).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(Infrastructure.DependencyInjection).Assembly;

    [Test]
    public void Domain_DependsOnNoOtherLayerOrPackage()
    {
        var result = Types.InAssembly(DomainAssembly)
            .ShouldNot().HaveDependencyOnAny(Application, Infrastructure, WebApi,
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "FluentValidation", "Mediator")
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Domain_ReferencesNoAssemblyButTheRuntime()
    {
        var references = DomainAssembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.That(references, Is.All.StartsWith("System").Or.EqualTo("netstandard"));
    }

    [Test]
    public void Application_DoesNotDependOnInfrastructureOrWebApi()
    {
        var result = Types.InAssembly(ApplicationAssembly)
            .ShouldNot().HaveDependencyOnAny(Infrastructure, WebApi, "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Infrastructure_DoesNotDependOnWebApi()
    {
        var result = Types.InAssembly(InfrastructureAssembly).ShouldNot().HaveDependencyOn(WebApi).GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Handlers_LiveInApplicationAndAreSealed()
    {
        var result = Types.InAssembly(ApplicationAssembly)
            .That().HaveNameEndingWith("Handler")
            .Should().BeSealed().And().ResideInNamespaceStartingWith($"{Application}.Tasks")
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    [Test]
    public void Controllers_DoNotTouchPersistenceDirectly()
    {
        var result = Types.InAssembly(typeof(WebApi.Controllers.TasksController).Assembly)
            .That().ResideInNamespace($"{WebApi}.Controllers")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", $"{Infrastructure}.Persistence", "TaskManager.Application.Common.Interfaces")
            .GetResult();

        Assert.That(result.IsSuccessful, Is.True, Failing(result));
    }

    private static string Failing(TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
