// Marks the page once its interactive circuit is connected, so browser tests know when clicks take effect.
window.portal = {
    markInteractive: function () {
        document.body.dataset.circuit = 'up';
    }
};
