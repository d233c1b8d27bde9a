// Small browser-side pieces the Blazor components call.
window.portal = {
    // Marks the page once its interactive circuit is connected, so browser tests know when clicks take effect.
    markInteractive: function () {
        document.body.dataset.circuit = 'up';
    },

    // Posts a plain form (such as logout) that must leave the circuit for a full page load.
    submitForm: function (id) {
        document.getElementById(id).submit();
    }
};
