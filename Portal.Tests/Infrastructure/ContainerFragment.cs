using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Portal.Tests.Infrastructure;

/// <summary>Renders its child content; lets a test put providers next to the page under test.</summary>
public sealed class ContainerFragment : ComponentBase
{
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder) =>
        builder.AddContent(0, ChildContent);
}
