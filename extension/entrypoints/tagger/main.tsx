import { render } from 'preact';
import { TaggerPage } from '../../ui/tagger/TaggerPage';
import '../../ui/options/options.css';
import '../../ui/tagger/tagger.css';

render(<TaggerPage />, document.getElementById('app') as HTMLElement);
